"""User-facing strings: one TOML file per page under assets/text/<lang>/.

Pages never hold literal UI text; they look it up here, so translating the app (the course is in
Spanish) means adding assets/text/es/ beside assets/text/en/ and nothing else.
"""

import tomllib
from functools import cache
from pathlib import Path

TEXT_DIR = Path(__file__).resolve().parent.parent / "assets" / "text"
DEFAULT_LANG = "en"


@cache
def load(page_key: str, lang: str = DEFAULT_LANG) -> dict:
    """The strings of one page (a nested dict), falling back to English for a missing language."""
    path = TEXT_DIR / lang / f"{page_key}.toml"
    if not path.exists():
        path = TEXT_DIR / DEFAULT_LANG / f"{page_key}.toml"
    with path.open("rb") as f:
        return tomllib.load(f)
