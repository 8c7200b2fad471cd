"""Links in AppTest: the URL names tabs and options by stable names, the same in both languages;
a link's values open the scenario, a malformed one is a notice in the reader's language, and every
setting the reader changes is written back to the URL."""

from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from ui import common, text
from ui.links import write_flag

SOFTMAX = "../../pages/3_Softmax.py"
SEQUENCES = "../../pages/5_Sequences.py"
TIMEOUT = 60


def open_page(page: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(page, default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.run()
    assert not at.exception, at.exception
    return at


def query(at: AppTest) -> dict[str, str]:
    """The URL the page left, as the browser would show it."""
    return {k: v[-1] if isinstance(v, list) else v for k, v in at.query_params.items()}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_tab_link_opens_the_same_tab_in_either_language(lang: str) -> None:
    at = open_page(SOFTMAX, {"tab": "ova", "lang": lang})
    label = text.load("softmax", lang)["tabs"]["ova"]
    assert [t.label for t in at.tabs].index(label) == 3
    assert at.session_state["softmax_tab"] == label
    assert query(at)["tab"] == "ova"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_option_is_written_by_its_name_not_its_label(lang: str) -> None:
    at = open_page(SEQUENCES, {"seq_task": "brackets", "seq_len_brackets": "12", "lang": lang})
    assert at.sidebar.selectbox(key="seq_task").value == "brackets"
    assert at.sidebar.number_input(key="seq_len_brackets").value == 12
    at.sidebar.selectbox(key="seq_opt").set_value("sgd").run()
    url = query(at)
    assert url["seq_task"] == "brackets" and url["seq_opt"] == "sgd"


@pytest.mark.parametrize("bad", ["1e309", "nan", "-3", "2.5", "lots"])
def test_a_malformed_number_in_a_link_is_named_and_the_default_kept(bad: str) -> None:
    at = open_page(SEQUENCES, {"seq_hidden": bad, "seq_task": "remember"})
    assert at.sidebar.number_input(key="seq_hidden").value == 16
    warnings = [w.value for w in at.warning]
    assert any("seq_hidden" in w and "not valid" in w for w in warnings), warnings


def test_the_notice_is_in_spanish_for_a_spanish_link() -> None:
    at = open_page(SEQUENCES, {"seq_model": "Transformer", "lang": "es"})
    assert at.sidebar.radio(key="seq_model").value == "LSTM"
    assert any("no es válido" in w.value for w in at.warning)


PRESETS = [
    (script, preset)
    for script, key in common.PAGES.items()
    if script != "app.py"  # the Playground's presets: tests/pages/test_playground_app.py
    for preset in text.load(key, "en").get("presets", [])
]


@pytest.mark.parametrize(
    ("script", "preset"), PRESETS, ids=[f"{s}:{p['query']}" for s, p in PRESETS]
)
def test_every_preset_opens_its_settings(script: str, preset: dict) -> None:
    """The page shows the preset's tab and settings and writes them back to the URL unchanged."""
    wanted = dict(parse_qsl(preset["query"]))
    at = open_page(f"../../{script}", wanted)
    bad_link = text.load("common", "en")["bad_link"].split("{")[0]
    assert not [w.value for w in at.warning if w.value.startswith(bad_link)]
    assert not at.error, [e.value for e in at.error]
    # A lab built like the Playground writes only what differs from its defaults.
    assert {k: query(at).get(k, v) for k, v in wanted.items()} == wanted
    for key, value in wanted.items():
        if key in at.session_state and key != "tab":
            shown = at.session_state[key]
            assert (write_flag(shown) if isinstance(shown, bool) else str(shown)) == value
