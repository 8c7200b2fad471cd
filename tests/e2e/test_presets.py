"""Every lecture preset, clicked in a real browser, opens its scenario: the page's URL carries the
preset's settings, the page shows no error, and a setting the student changed before is replaced.

Presets are read from each page's text file, so the test grows with the labs.
"""

from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import pytest
from playwright.sync_api import Page, expect
from streamlit.source_util import page_icon_and_name

from tests.e2e.conftest import open_page, wait_idle
from ui import common, text

REPO_ROOT = Path(__file__).resolve().parents[2]


def url_path(script: str) -> str:
    return "" if script == "app.py" else page_icon_and_name(REPO_ROOT / script)[1]


PAGE_PRESETS = {
    url_path(script): presets
    for script, key in common.PAGES.items()
    if (presets := text.load(key, "en").get("presets"))
}


def open_presets(page: Page) -> None:
    """Open the presets menu. The run that follows a preset's arrival closes the menu (it gives
    the view back), so on a loaded machine a click can land before that run: click again."""
    body = page.get_by_test_id("stPopoverBody")
    for _ in range(3):
        wait_idle(page)
        page.get_by_role("button", name="Lecture presets").click()
        try:
            expect(body).to_be_visible(timeout=10_000)
            return
        except AssertionError:
            continue
    expect(body).to_be_visible()


@pytest.mark.parametrize("path", PAGE_PRESETS, ids=[p or "home" for p in PAGE_PRESETS])
def test_each_preset_link_opens_its_scenario(app_url: str, page: Page, path: str) -> None:
    """The page's presets one after the other, in one browser session (one page load)."""
    open_page(page, f"{app_url}/{path}")
    for preset in PAGE_PRESETS[path]:
        open_presets(page)
        page.get_by_test_id("stPopoverBody").get_by_text(preset["name"], exact=True).click()
        wait_idle(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
        shown = dict(parse_qsl(urlparse(page.url).query, keep_blank_values=True))
        wanted = dict(parse_qsl(preset["query"], keep_blank_values=True))
        assert urlparse(page.url).path.rstrip("/") == f"/{path}".rstrip("/")
        # A page leaves a setting out of its URL while it shows its default value.
        assert {k: shown.get(k, v) for k, v in wanted.items()} == wanted, (preset["name"], page.url)
        assert set(shown) & set(wanted), (preset["name"], page.url)


def test_a_preset_replaces_what_the_student_changed(app_url: str, page: Page) -> None:
    """On a page whose widgets are bound to the URL: another task chosen, then a preset."""
    T = text.load("sequences", "en")
    open_page(page, f"{app_url}/Sequences")
    task = page.get_by_role("combobox", name=T["sidebar"]["task"])
    task.click()
    page.get_by_role("option", name=T["sidebar"]["tasks"]["brackets"]).click()
    wait_idle(page)
    expect(task).to_have_value(T["sidebar"]["tasks"]["brackets"])
    open_presets(page)
    lstm = next(p for p in T["presets"] if "seq_model=LSTM" in p["query"])
    page.get_by_test_id("stPopoverBody").get_by_text(lstm["name"], exact=True).click()
    wait_idle(page)
    expect(task).to_have_value(T["sidebar"]["tasks"]["remember"])
    lag = page.get_by_role("spinbutton", name=T["sidebar"]["length"]["remember"])
    expect(lag).to_have_value("20")
