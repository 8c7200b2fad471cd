"""Smoke test: the home page and every lab in pages/ open in a real browser, cleanly.

Pages are discovered from the files present when the tests are collected, so the test grows with
the app. Each page must land on its own URL (an unknown URL falls back to the home page with a
"page not found" dialog), show its h1 title, and show neither an exception nor an error box.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from streamlit.source_util import page_icon_and_name, page_sort_key

from tests.e2e.conftest import open_page
from ui import text

REPO_ROOT = Path(__file__).resolve().parents[2]


def url_paths() -> dict[str, str]:
    """Test id -> URL path, mapped from file names as Streamlit does ("4_CNN.py" -> "CNN")."""
    paths = {"home": ""} if (REPO_ROOT / "app.py").exists() else {}
    for script in sorted((REPO_ROOT / "pages").glob("*.py"), key=page_sort_key):
        _icon, name = page_icon_and_name(script)
        paths[script.stem] = name
    return paths


PAGES = url_paths()


@pytest.mark.parametrize("url_path", PAGES.values(), ids=PAGES.keys())
def test_page_opens_cleanly(app_url: str, page: Page, url_path: str) -> None:
    url = f"{app_url}/{url_path}"
    open_page(page, url)
    # Its own URL; a page may add its settings as a query string (bind="query-params").
    expect(page).to_have_url(re.compile(rf"^{re.escape(url)}(\?.*)?$"))
    expect(page.get_by_test_id("stDialog")).to_have_count(0)
    title = page.locator("h1").first
    expect(title).to_be_visible()
    expect(title).not_to_be_empty()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # ui.common.user_errors turns a failure into st.error, so an error box means one too.
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def test_sidebar_lists_every_page_and_its_links_work(app_url: str, page: Page) -> None:
    """ui.common.page_links lists the pages (Streamlit's own list is off); "Playground" first."""
    open_page(page, app_url)
    links = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink")
    expect(links).to_have_count(len(PAGES))
    expect(links.first).to_have_text(re.compile("Playground"))
    hrefs = [link.get_attribute("href") for link in links.all()]
    assert [href.removeprefix(f"{app_url}/") for href in hrefs] == list(PAGES.values())
    links.last.click()  # a link changes page in place, within the same session
    expect(page).to_have_url(f"{app_url}/{list(PAGES.values())[-1]}")
    last_page = list(PAGES)[-1].split("_", 1)[1].lower()  # "7_Workshops" -> workshops.toml
    expect(page.locator("h1").first).to_contain_text(text.load(last_page)["title"])
