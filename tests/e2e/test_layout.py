"""Every page and every tab in English on a 1920x1080 screen fits: nothing wider than the main
column, no chart on top of another, no label cut short (tests/e2e/layout.py). The same checks, and
the chart-font check, run at 1280x720 in Spanish in test_spanish.py."""

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import open_page
from tests.e2e.layout import layout_problems
from tests.e2e.test_spanish import each_tab, url_path
from ui import common


@pytest.mark.parametrize("page_file", list(common.PAGES), ids=lambda p: common.PAGES[p])
def test_page_fits_1920x1080_in_english(app_url: str, page: Page, page_file: str):
    key = common.PAGES[page_file]
    open_page(page, f"{app_url}{url_path(page_file)}?lang=en")
    layout = {f"{key} tab {tab}": p for tab in each_tab(page) if (p := layout_problems(page))}
    assert not layout, f"Does not fit 1920x1080: {layout}"
