"""User-facing strings: one TOML file per page under assets/text/<lang>/, Spanish and English.

Pages never hold literal UI text; they look it up here. `load(page_key)` returns the strings in the
session's language: `lang=` in the URL if it names one, else the language the reader last chose,
else the browser's preferred language (Spanish for any es-*, English otherwise). Outside a
Streamlit run (tests, benchmarks) it is English unless a language is named.

Every string comes back as a `Template`: a str whose `.format` writes numbers the reader's way
(`"{loss:.3f}".format(loss=0.5)` gives 0,500 in Spanish), so no page formats a number by hand.
"""

import tomllib
from functools import cache
from pathlib import Path

TEXT_DIR = Path(__file__).resolve().parent.parent / "assets" / "text"
LANGS = ("es", "en")
DEFAULT_LANG = "en"
LANG_KEY = "neurona_lang"  # the session's language (a plain session key, not a widget's)
LANG_KEY_URL = "lang"


def load(page_key: str, lang: str | None = None) -> dict:
    """The strings of one page (a nested dict) in `lang`, or in the session's language."""
    return _load(page_key, lang or current_lang())


@cache
def _load(page_key: str, lang: str) -> dict:
    path = TEXT_DIR / lang / f"{page_key}.toml"
    if not path.exists():  # tests/test_text_files.py holds es and en equal; this is a safety net
        path = TEXT_DIR / DEFAULT_LANG / f"{page_key}.toml"
    with path.open("rb") as f:
        return as_templates(tomllib.load(f), lang)


class Template(str):
    """A text in one language whose `.format` formats numbers in that language's locale."""

    lang: str

    def __new__(cls, value: str, lang: str = DEFAULT_LANG) -> "Template":
        template = super().__new__(cls, value)
        template.lang = lang
        return template

    def format(self, *args, **kwargs) -> str:
        from ui import numbers  # ui.numbers reads this module's language

        return numbers.formatter(self.lang).vformat(self, args, kwargs)


def as_templates(value, lang: str):
    """Every string in a loaded TOML tree, nested in tables and lists, as a Template."""
    if isinstance(value, str):
        return Template(value, lang)
    if isinstance(value, dict):
        return {key: as_templates(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [as_templates(item, lang) for item in value]
    return value


def current_lang() -> str:
    """The session's language; English outside a Streamlit run."""
    import streamlit as st
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx() is None:
        return DEFAULT_LANG
    lang = st.query_params.get(LANG_KEY_URL)  # before the page's first text.load adopts it
    if lang not in LANGS:
        lang = st.session_state.get(LANG_KEY)
    return lang if lang in LANGS else browser_lang()


def browser_lang() -> str:
    """Spanish for a browser that prefers any es-* locale, English otherwise."""
    import streamlit as st

    try:
        locale = st.context.locale or ""
    except Exception:  # no browser behind this run (AppTest)
        locale = ""
    return "es" if locale.lower().startswith("es") else DEFAULT_LANG


def choose_lang_from_url() -> None:
    """Adopt a valid `lang=` from the URL as the session's language (a shared link carries it)."""
    import streamlit as st

    lang = st.query_params.get(LANG_KEY_URL)
    if lang in LANGS:
        st.session_state[LANG_KEY] = lang
