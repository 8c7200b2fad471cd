"""Page strings live in assets/text/en/<page_key>.toml (see ui/text.py): each file parses, every
page loads its own file, that file has the keys ui.common.setup_page needs, and every top-level
T["..."] a page reads is defined there."""

import re
import tomllib
from pathlib import Path

import pytest

from ui import text

REPO_ROOT = Path(__file__).resolve().parents[1]
TEXT_DIR = REPO_ROOT / "assets" / "text" / "en"
SHARED_KEY = "common"  # strings shared by all pages; not a page, so no title, icon, ...
REQUIRED = {"title": str, "icon": str, "intro": str, "formulas": list}

LOAD_CALL = re.compile(r"""\btext\.load\(\s*["']([^"']+)["']""")
T_LOOKUP = re.compile(r"""\bT\[\s*["']([^"']+)["']\s*\]""")

PAGE_FILES = [p for p in [REPO_ROOT / "app.py"] if p.exists()]
PAGE_FILES += sorted((REPO_ROOT / "pages").glob("*.py"))


def page_id(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT))


def page_keys(path: Path) -> list[str]:
    """The text keys a page file loads, other than the shared one."""
    return [key for key in LOAD_CALL.findall(path.read_text()) if key != SHARED_KEY]


@pytest.mark.parametrize("path", sorted(TEXT_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_text_file_parses(path: Path) -> None:
    with path.open("rb") as f:
        assert tomllib.load(f), f"{path.name} is empty"


@pytest.mark.parametrize("path", PAGE_FILES, ids=page_id)
def test_page_text_has_required_keys(path: Path) -> None:
    keys = page_keys(path)
    assert keys, f"{page_id(path)} loads no text: start it with T = ui.text.load('<page_key>')"
    for key in keys:
        assert (TEXT_DIR / f"{key}.toml").exists(), f"{page_id(path)}: no {key}.toml in {TEXT_DIR}"
        T = text.load(key)
        for name, kind in REQUIRED.items():
            assert isinstance(T.get(name), kind) and T[name], f"{key}.toml: {name} missing or empty"
        assert all(isinstance(f, str) and f.strip() for f in T["formulas"]), (
            f"{key}.toml: formulas must be non-empty LaTeX strings"
        )


@pytest.mark.parametrize("path", PAGE_FILES, ids=page_id)
def test_page_reads_only_defined_strings(path: Path) -> None:
    keys = page_keys(path)
    if len(keys) != 1:
        pytest.skip("the check needs a page that loads exactly one text file")
    T = text.load(keys[0])
    missing = sorted(set(T_LOOKUP.findall(path.read_text())) - set(T))
    assert not missing, f"{page_id(path)} reads T[...] keys absent from {keys[0]}.toml: {missing}"
