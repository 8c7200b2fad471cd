"""Navigation never loses a setting: every ordered pair of pages, by sidebar link, Back and Forward.

Streamlit deletes the state of widgets that a run did not draw, so a page that read a widget key
after a visit elsewhere broke ("Something went wrong" on the Playground). Here each page first
gets a changed setting (its first slider moved two steps), then the walk goes through every
ordered pair of pages (an Eulerian circuit of the complete directed graph: each pair once as a
sidebar hop), pressing Back and Forward after each hop, and checks on every arrival: the right
page, no error box, no exception, and after each sidebar hop the page's setting as it was left.
"""

import itertools

from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, wait_idle
from tests.e2e.test_smoke import PAGES

NAMES = list(PAGES.values())  # URL paths, "" for the home page


def circuit(n: int) -> list[int]:
    """A closed walk from 0 through every ordered pair (a, b), a != b, exactly once (Hierholzer)."""
    unused = {a: [b for b in range(n) if b != a] for a in range(n)}
    stack, walk = [0], []
    while stack:
        a = stack[-1]
        if unused[a]:
            stack.append(unused[a].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]


def first_slider_value(page: Page) -> str | None:
    slider = page.get_by_role("slider").first
    return slider.input_value() if slider.count() else None


def change_a_setting(page: Page) -> str | None:
    """Move the page's first slider two steps (to the right, or to the left when it starts at its
    right end); its new value, or None without one."""
    slider = page.get_by_role("slider").first
    if not slider.count():
        return None
    before = slider.input_value()
    for key in ("ArrowRight", "ArrowLeft"):
        for _ in range(2):
            page.get_by_role("slider").first.focus()
            page.keyboard.press(key)
            wait_idle(page)
        if (after := first_slider_value(page)) != before:
            return after
    raise AssertionError(f"moving the first slider on /{page.url} changed nothing")


def assert_on(page: Page, app_url: str, name: str, setting: str | None) -> None:
    wait_idle(page)
    assert page.url.split("?")[0] == f"{app_url}/{name}", page.url
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.locator("h1").first).to_be_visible()
    if setting is not None:
        expect(page.get_by_role("slider").first).to_have_value(setting)


def go_by_link(page: Page, app_url: str, name: str) -> None:
    links = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink")
    links.nth(NAMES.index(name)).click()
    page.wait_for_url(f"{app_url}/{name}*")


def test_every_pair_of_pages_keeps_its_settings(app_url: str, page: Page) -> None:
    settings = {}
    open_page(page, f"{app_url}/")
    for name in NAMES:
        if name:
            go_by_link(page, app_url, name)
        wait_idle(page)
        settings[name] = change_a_setting(page)
    go_by_link(page, app_url, NAMES[0])
    walk = [NAMES[i] for i in circuit(len(NAMES))]
    for here, there in itertools.pairwise(walk):
        go_by_link(page, app_url, there)
        assert_on(page, app_url, there, settings[there])
        # Back and Forward: the right page and no error. (A page whose widgets are bound to the
        # URL shows what its history entry's URL says, which may be older than its last setting.)
        back_to(page, app_url, here)
        assert_on(page, app_url, here, None)
        forward_to(page, app_url, there)
        assert_on(page, app_url, there, None)


def path_of(page: Page, app_url: str) -> str:
    return page.url.split("?")[0].removeprefix(f"{app_url}/")


def back_to(page: Page, app_url: str, name: str) -> None:
    """Back until the previous page shows. A page that writes its settings to the URL on arrival
    adds a history entry of its own (Streamlit pushes query-string changes), so a second Back may
    be needed; more than two is a failure."""
    for _ in range(2):
        page.go_back()
        wait_idle(page)
        if path_of(page, app_url) == name:
            return


def forward_to(page: Page, app_url: str, name: str) -> None:
    for _ in range(2):
        page.go_forward()
        wait_idle(page)
        if path_of(page, app_url) == name:
            return
