"""The language switch: lang= in the URL, the sidebar's Español / English, kept in the session."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui import text

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def formulas_label(at: AppTest) -> str:
    return at.expander[0].label


def test_lang_in_the_url_picks_spanish_and_stays_in_the_url():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = "es"
    at.run()
    assert not at.exception
    assert formulas_label(at) == text.load("common", "es")["formulas_label"]
    assert at.query_params["lang"] == "es"


def test_lang_in_the_url_translates_the_first_run_of_a_page():
    """The page loads its words (T = text.load(...)) before the sidebar's switch runs: the URL's
    language must already apply then, or a shared Spanish link opens in English."""
    page = Path(APP).parent / "pages" / "1_Neuron_and_backprop.py"
    at = AppTest.from_file(str(page), default_timeout=30)
    at.query_params["lang"] = "es"
    at.run()
    assert at.title[0].value.endswith(text.load("backprop", "es")["title"])


def test_the_switch_changes_the_language_and_the_url():
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert formulas_label(at) == text.load("common", "en")["formulas_label"]
    switch = at.sidebar.button_group[0]
    switch.set_value("es").run()
    assert not at.exception
    assert formulas_label(at) == text.load("common", "es")["formulas_label"]
    assert at.query_params["lang"] == "es"


def test_an_unknown_lang_falls_back_to_the_browser_language():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = "<script>"
    at.run()
    assert not at.exception
    assert formulas_label(at) == text.load("common", "en")["formulas_label"]
