"""Page strings live in assets/text/<lang>/<page_key>.toml (see ui/text.py).

Each file parses; Spanish and English have the same keys, the same {placeholders} and the same
LaTeX apart from the words inside \\text{...}; every page loads its own file with the keys
ui.common.setup_page needs; every key a page or its ui/ package reads is defined; and the Spanish
follows the course's glossary (assets/text/glossary.toml): the lectures' terms where the English
uses the English term, and the terms the lectures keep in English left in English."""

import ast
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

from ui import text

REPO_ROOT = Path(__file__).resolve().parents[1]
TEXT_ROOT = REPO_ROOT / "assets" / "text"
TEXT_DIR = TEXT_ROOT / "en"
ES_DIR = TEXT_ROOT / "es"
GLOSSARY = TEXT_ROOT / "glossary.toml"
SHARED_KEY = "common"  # strings shared by all pages; not a page, so no title, icon, ...
REQUIRED = {"title": str, "icon": str, "intro": str, "formulas": list}

LOAD_CALL = re.compile(r"""\btext\.load\(\s*["']([^"']+)["']""")
T_LOOKUP = re.compile(r"""\bT\[\s*["']([^"']+)["']\s*\]""")
PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)(?:![rsa])?(?::[^{}]*)?\}")
MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.DOTALL)
LATEX_COMMAND = re.compile(r"\\[A-Za-z]+")
TEXT_COMMAND = "\\text{"

PAGE_FILES = [p for p in [REPO_ROOT / "app.py"] if p.exists()]
PAGE_FILES += sorted((REPO_ROOT / "pages").glob("*.py"))
EN_FILES = sorted(TEXT_DIR.glob("*.toml"))
# The terms issue 14 names: each must be in the glossary.
REQUIRED_TERMS = (
    "neurona", "capa oculta", "función de activación", "tasa de aprendizaje", "época", "pérdida",
    "descenso del gradiente", "retropropagación", "compuerta de olvido", "compuerta de entrada",
    "compuerta de salida", "memoria interna", "sobreajuste", "parada anticipada",
    "desequilibrio de datos", "submuestreo", "sobremuestreo", "generador", "discriminador",
)  # fmt: skip
REQUIRED_KEPT = ("softmax", "ReLU", "leaky ReLU", "kernel", "pooling", "batch", "logits", "dropout")


def page_id(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT))


def page_keys(path: Path) -> list[str]:
    """The text keys a page file loads, other than the shared one."""
    return [key for key in LOAD_CALL.findall(path.read_text()) if key != SHARED_KEY]


@cache
def read(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def leaves(tree, path=()):
    """(key path, string) for every string in a parsed TOML file, list items included."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from leaves(value, (*path, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from leaves(value, (*path, i))
    elif isinstance(tree, str):
        yield path, tree


def pairs(name: str):
    """(key path, en string, es string) for one page's file; assumes the same keys."""
    es = dict(leaves(read(ES_DIR / name)))
    for path, en in leaves(read(TEXT_DIR / name)):
        yield path, en, es.get(path)


def shape(tree):
    """The keys and list lengths of a parsed file, with every string replaced by its type."""
    if isinstance(tree, dict):
        return {key: shape(value) for key, value in tree.items()}
    if isinstance(tree, list):
        return [shape(value) for value in tree]
    return type(tree).__name__


def is_latex(s: str) -> bool:
    """A whole string of LaTeX (a formula), as opposed to prose with $...$ inside."""
    return "$" not in s and bool(LATEX_COMMAND.search(s))


def blank_text(latex: str) -> str:
    r"""The LaTeX with the contents of every \text{...} removed (those words are translated)."""
    out, i = [], 0
    while (start := latex.find(TEXT_COMMAND, i)) >= 0:
        out.append(latex[i : start + len(TEXT_COMMAND)])
        depth, j = 1, start + len(TEXT_COMMAND)
        while j < len(latex) and depth:
            depth += {"{": 1, "}": -1}.get(latex[j], 0)
            j += 1
        out.append("}")
        i = j
    out.append(latex[i:])
    return "".join(out)


def latex_of(s: str) -> list[str]:
    """The LaTeX a string holds, \\text{} emptied: the whole string or its $...$ segments."""
    if is_latex(s):
        return [blank_text(s)]
    return [blank_text(a or b) for a, b in MATH.findall(s)]


def prose(s: str) -> str:
    """What a reader reads of a string, for term matching: no LaTeX, no placeholders, no
    Markdown emphasis, one space between words, lower case."""
    s = PLACEHOLDER.sub(" ", MATH.sub(" ", s))
    s = re.sub(r"[*_`]+", " ", s)
    return " ".join(s.split()).lower()


def words(s: str) -> list[str]:
    """The lower-case words of three letters or more outside LaTeX (not names like GPU, CUDA)."""
    return re.findall(r"(?<![\w])[a-z]{3,}(?![\w])", PLACEHOLDER.sub(" ", MATH.sub(" ", s)))


def has(pattern: str, s: str) -> bool:
    return re.search(rf"(?<!\w)(?:{pattern})(?!\w)", s, re.IGNORECASE) is not None


@cache
def glossary() -> dict:
    return read(GLOSSARY)


# --- every file parses, and es mirrors en -----------------------------------------------------


@pytest.mark.parametrize("path", EN_FILES + sorted(ES_DIR.glob("*.toml")) + [GLOSSARY], ids=page_id)
def test_text_file_parses(path: Path) -> None:
    assert read(path), f"{page_id(path)} is empty"


@pytest.mark.parametrize("path", EN_FILES, ids=lambda p: p.name)
def test_es_has_the_same_keys(path: Path) -> None:
    es = ES_DIR / path.name
    assert es.exists(), f"no Spanish file {page_id(es)} for {page_id(path)}"
    assert shape(read(es)) == shape(read(path)), (
        f"{path.name}: es and en differ in keys, list lengths or value types"
    )


def test_no_es_file_without_en() -> None:
    orphans = sorted({p.name for p in ES_DIR.glob("*.toml")} - {p.name for p in EN_FILES})
    assert not orphans, f"Spanish files with no English file: {orphans}"


def placeholders(s: str) -> set[str]:
    """The {names} a string formats (words inside \\text{...} are LaTeX, not placeholders)."""
    return set(PLACEHOLDER.findall(blank_text(s)))


@pytest.mark.parametrize("path", EN_FILES, ids=lambda p: p.name)
def test_es_has_the_same_placeholders(path: Path) -> None:
    bad = [
        (".".join(map(str, key)), sorted(placeholders(en) ^ placeholders(es)))
        for key, en, es in pairs(path.name)
        if es is not None and placeholders(en) != placeholders(es)
    ]
    assert not bad, f"{path.name}: placeholders differ (key, names in one only): {bad}"


@pytest.mark.parametrize("path", EN_FILES, ids=lambda p: p.name)
def test_es_has_the_same_latex(path: Path) -> None:
    bad = [
        ".".join(map(str, key))
        for key, en, es in pairs(path.name)
        if es is not None and latex_of(en) != latex_of(es)
    ]
    assert not bad, f"{path.name}: LaTeX differs beyond the words in \\text{{}}: {bad}"


@pytest.mark.parametrize("path", EN_FILES, ids=lambda p: p.name)
def test_es_is_translated(path: Path) -> None:
    """A sentence left in English: the same string in both files with three or more words."""
    kept = {entry["term"].lower() for entry in glossary()["kept"]}
    untranslated = [
        ".".join(map(str, key))
        for key, en, es in pairs(path.name)
        if en == es and not is_latex(en) and key[-1] != "query" and len(set(words(en)) - kept) >= 3
    ]
    assert not untranslated, f"{path.name}: strings left in English: {untranslated}"


@pytest.mark.parametrize("path", EN_FILES, ids=lambda p: p.name)
def test_presets_open_the_same_run_in_both_languages(path: Path) -> None:
    """A preset is a URL: its query is data, the same in every language; only its name is read."""
    differ = [
        ".".join(map(str, key))
        for key, en, es in pairs(path.name)
        if key[-1] == "query" and en != es
    ]
    assert not differ, f"{path.name}: preset queries differ between en and es: {differ}"


# --- the LaTeX helpers themselves --------------------------------------------------------------


def test_blank_text_empties_nested_braces() -> None:
    assert (
        blank_text(r"a \text{{softmax}}(x) + \text{b {c} d} = 1") == r"a \text{}(x) + \text{} = 1"
    )


def test_latex_of_finds_inline_and_display_math() -> None:
    assert latex_of(r"if $x \text{ is } 1$ then $$y$$") == [r"x \text{} 1", "y"]
    assert latex_of(r"\frac{1}{m} \text{words}") == [r"\frac{1}{m} \text{}"]
    assert latex_of("no maths here") == []


# --- pages read only what exists --------------------------------------------------------------


@pytest.mark.parametrize("path", PAGE_FILES, ids=page_id)
def test_page_text_has_required_keys(path: Path) -> None:
    keys = page_keys(path)
    assert keys, f"{page_id(path)} loads no text: start it with T = ui.text.load('<page_key>')"
    for key in keys:
        assert (TEXT_DIR / f"{key}.toml").exists(), f"{page_id(path)}: no {key}.toml in {TEXT_DIR}"
        for lang in text.LANGS:
            T = text.load(key, lang)
            for name, kind in REQUIRED.items():
                assert isinstance(T.get(name), kind) and T[name], (
                    f"{lang}/{key}.toml: {name} missing or empty"
                )
            assert all(isinstance(f, str) and f.strip() for f in T["formulas"]), (
                f"{lang}/{key}.toml: formulas must be non-empty LaTeX strings"
            )
            assert isinstance(T.get("nav"), str) and T["nav"], f"{lang}/{key}.toml: no nav"


@pytest.mark.parametrize("path", PAGE_FILES, ids=page_id)
def test_page_reads_only_defined_strings(path: Path) -> None:
    keys = page_keys(path)
    if len(keys) != 1:
        pytest.skip("the check needs a page that loads exactly one text file")
    T = text.load(keys[0])
    missing = sorted(set(T_LOOKUP.findall(path.read_text())) - set(T))
    assert not missing, f"{page_id(path)} reads T[...] keys absent from {keys[0]}.toml: {missing}"


def lookups(source: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every chain of constant string subscripts on a text dictionary in a module: (root name,
    keys). A text dictionary is T, or a name assigned from one (L = T["fig"]), or a one-letter
    capital parameter (the words a caller passes down: def section(L, ...))."""
    tree = ast.parse(source)
    names = {"T"}
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and re.fullmatch(r"[A-Z]", node.arg):
            names.add(node.arg)
    changed = True
    while changed:  # L = T["a"]; M = L["b"]: follow assignments until nothing new
        changed = False
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, chain = node.targets[0], string_chain(node.value)
                if isinstance(target, ast.Name) and chain and chain[0] in names:
                    changed |= target.id not in names
                    names.add(target.id)
    found = []
    for node in ast.walk(tree):
        chain = string_chain(node)
        if chain and chain[0] in names and len(chain) > 1:
            found.append((chain[0], chain[1:]))
    return found


def string_chain(node) -> tuple[str, ...] | None:
    """("L", "fig", "x") for L["fig"]["x"]; None for anything else."""
    keys = []
    while isinstance(node, ast.Subscript):
        if not (isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)):
            return None
        keys.append(node.slice.value)
        node = node.value
    if not isinstance(node, ast.Name) or not keys:
        return None
    return (node.id, *reversed(keys))


def path_exists(tree, keys: tuple[str, ...]) -> bool:
    for key in keys:
        if not isinstance(tree, dict) or key not in tree:
            return False
        tree = tree[key]
    return True


def subtrees(tree):
    if isinstance(tree, dict):
        yield tree
        for value in tree.values():
            yield from subtrees(value)


def ui_package(key: str) -> Path:
    return REPO_ROOT / "ui" / key


@pytest.mark.parametrize("key", [p.stem for p in EN_FILES if ui_package(p.stem).is_dir()], ids=str)
def test_ui_package_reads_only_defined_strings(key: str) -> None:
    """Every T["a"]["b"] or L["b"] in ui/<key>/ is a path of <key>.toml, from its root or from
    one of its tables (a caller passes the words of one table down: stepper(..., T["stepper"]))."""
    tables = list(subtrees(read(TEXT_DIR / f"{key}.toml")))
    missing = []
    for module in sorted(ui_package(key).rglob("*.py")):
        for root, keys in lookups(module.read_text()):
            if not any(path_exists(table, keys) for table in tables):
                missing.append(f"{module.relative_to(REPO_ROOT)}: {root}[{']['.join(keys)}]")
    assert not missing, f"lookups absent from {key}.toml: {missing}"


def test_lookups_follow_assignments_and_parameters() -> None:
    source = (
        'L = T["fig"]\nM = L["gates"]\nx = M["f"]\ndef f(S, state):\n    S["a"]\n    state["b"]\n'
    )
    assert sorted(lookups(source)) == [
        ("L", ("gates",)),
        ("M", ("f",)),
        ("S", ("a",)),
        ("T", ("fig",)),
    ]


# --- the glossary ------------------------------------------------------------------------------


def test_glossary_has_the_issues_terms() -> None:
    spanish = {entry["es"] for entry in glossary()["translated"]}
    kept = {entry["term"] for entry in glossary()["kept"]}
    assert not set(REQUIRED_TERMS) - spanish, "glossary.toml lacks Spanish terms"
    assert not set(REQUIRED_KEPT) - kept, "glossary.toml lacks terms kept in English"


@pytest.mark.parametrize("entry", glossary()["translated"], ids=lambda e: e["en"])
def test_glossary_entry_matches_its_own_terms(entry: dict) -> None:
    assert entry.get("source"), f"{entry['en']}: say where the lectures use it"
    assert has(entry.get("en_match", entry["en"]), entry["en"])
    assert has(entry.get("es_match", entry["es"]), entry["es"])


def test_has_matches_whole_words_only() -> None:
    assert has("capas? ocultas?", "dos capas ocultas")
    assert not has("loss(es)?", "glossary")
    assert has("épocas?", "Épocas")


@pytest.mark.parametrize("path", EN_FILES, ids=lambda p: p.name)
def test_es_uses_the_glossary_terms(path: Path) -> None:
    wrong = []
    for key, en, es in pairs(path.name):
        if es is None or is_latex(en) or key[-1] == "query":
            continue
        for entry in glossary()["translated"]:
            if has(entry.get("en_match", entry["en"]), prose(en)) and not has(
                entry.get("es_match", entry["es"]), prose(es)
            ):
                wrong.append(f"{'.'.join(map(str, key))}: '{entry['en']}' -> '{entry['es']}'")
    assert not wrong, f"{path.name}: Spanish strings that do not use the glossary: {wrong}"


@pytest.mark.parametrize("path", EN_FILES, ids=lambda p: p.name)
def test_es_keeps_the_english_terms(path: Path) -> None:
    wrong = []
    for key, en, es in pairs(path.name):
        if es is None or is_latex(en):
            continue
        for entry in glossary()["kept"]:
            pattern = entry.get("match", entry["term"])
            if has(pattern, prose(en)) and not has(pattern, prose(es)):
                wrong.append(f"{'.'.join(map(str, key))}: keep '{entry['term']}'")
            wrong += [
                f"{'.'.join(map(str, key))}: '{word}' for '{entry['term']}'"
                for word in entry.get("avoid", [])
                if has(re.escape(word), prose(es))
            ]
    assert not wrong, f"{path.name}: terms the lectures keep in English: {wrong}"
