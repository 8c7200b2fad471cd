"""Opening a lab in Streamlit's AppTest, as the labs' page tests do."""

from streamlit.testing.v1 import AppTest

TIMEOUT = 60  # the first run imports torch for the engine picker


def open_page(page: str, query: dict | None = None) -> AppTest:
    """The page run once with `query` as its URL; it must not raise."""
    at = AppTest.from_file(page, default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, at.exception
    return at


def config(at: AppTest, state) -> object:
    """The configuration a UrlConfig lab (ui/<lab>/state.py's URL) keeps in the session."""
    return at.session_state[state.URL.key]
