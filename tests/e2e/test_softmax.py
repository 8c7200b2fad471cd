"""Browser tests of the softmax lab: what only a browser shows (live frames, clicks, screenshots).

Screenshots at 1920x1080 go to /work/screenshots/ (not committed)."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, wait_idle

SHOTS = Path("/work/screenshots")
TABS = ("logistic", "playground", "multiclass", "ova")
FRAMES = 3  # epochs to wait for while a panel runs
FAST = "&softmax_{}_speed=5"  # 5 epochs a frame: a busy machine draws few frames
HEADER_PX = 90  # Streamlit's header bar covers the top of the main area


def open_tab(page: Page, app_url: str, tab: int, query: str = "") -> None:
    """Open one tab; `query` sets controls through the URL (every control lives in it)."""
    open_page(page, f"{app_url}/Softmax?tab={TABS[tab]}{query}")


def status(page: Page):
    return page.get_by_test_id("stMarkdown").filter(has_text=re.compile(r"^Epoch \d+"))


def wait_for_epoch(page: Page, at_least: int) -> None:
    """Until the status line shows an epoch ≥ at_least (frames arrive on their own)."""
    expect(status(page)).to_have_text(re.compile(rf"^Epoch ([{at_least}-9]|\d\d+)\b"))


def shoot(page: Page, name: str, anchor) -> None:
    """A 1920x1080 screenshot with the live panel in view, the mouse out of the way."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Scrolled by script and wheel: a live panel is never "stable" enough for Playwright's scroll.
    anchor.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.mouse.move(960, 540)
    page.mouse.wheel(0, anchor.bounding_box()["y"] - HEADER_PX)
    page.mouse.move(5, 5)
    page.wait_for_timeout(1500)  # let the charts of the next frame land
    page.screenshot(path=SHOTS / f"softmax_{name}.png")


def pixels(page: Page, element) -> bytes:
    """What the element shows now (a clip of the page: a live chart never holds still for
    Playwright's element screenshot)."""
    element.evaluate("e => e.scrollIntoView({block: 'center'})")
    return page.screenshot(clip=element.bounding_box())


def press(page: Page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def test_bars_of_the_selected_point_change_while_training(app_url: str, page: Page):
    open_tab(page, app_url, 2, FAST.format("mc"))
    index = page.get_by_role("spinbutton", name="Point index")
    index.fill("7")
    index.press("Enter")
    wait_idle(page)
    reading = page.get_by_test_id("stMarkdown").filter(has_text="Point 7:")
    expect(reading).to_be_visible()
    bars = page.get_by_test_id("stVegaLiteChart").nth(1)
    before_text, before_pixels = reading.inner_text(), pixels(page, bars)
    press(page, "Play")
    wait_for_epoch(page, FRAMES)
    expect(reading).not_to_have_text(before_text)  # ŷ and L of point 7 moved
    assert pixels(page, bars) != before_pixels  # and so did its bars
    shoot(page, "multiclass", status(page))


def test_editing_a_logit_changes_the_softmax(app_url: str, page: Page):
    open_tab(page, app_url, 1)
    reading = page.get_by_test_id("stMarkdown").filter(has_text="Σⱼ e^(zⱼ/T)")
    expect(reading).to_contain_text("0.1791")  # −log 0.836 for [3.0, 1.0, 0.2], true class 0
    bars = page.get_by_test_id("stVegaLiteChart").first
    before = pixels(page, bars)
    logits = page.get_by_role("textbox", name=re.compile("Logits"))
    logits.fill("3.0, 1.0, 3.0")
    logits.press("Enter")
    wait_idle(page)
    expect(reading).to_contain_text("0.7586")  # −log(e³/(2e³ + e)) = 0.7586
    assert pixels(page, bars) != before
    shoot(page, "playground", page.get_by_role("tablist"))
    logits.fill("1, x")
    logits.press("Enter")
    wait_idle(page)
    expect(page.get_by_test_id("stAlert")).to_contain_text("“x” is not a number")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_clicking_a_point_on_the_map_selects_it(app_url: str, page: Page):
    open_tab(page, app_url, 2)
    chart = page.get_by_test_id("stVegaLiteChart").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    tooltip = page.locator("#vg-tooltip-element")
    for fy in (0.3, 0.4, 0.5, 0.6, 0.7):  # hover until the tooltip names a point, then click it
        for fx in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
            x, y = box["x"] + fx * box["width"], box["y"] + fy * box["height"]
            page.mouse.move(x, y)
            page.wait_for_timeout(100)
            hit = re.search(r"point\s+(\d+)", tooltip.inner_text()) if tooltip.count() else None
            if hit and tooltip.is_visible():
                page.mouse.click(x, y)
                wait_idle(page)
                expect(page.get_by_role("spinbutton", name="Point index")).to_have_value(hit[1])
                reading = page.get_by_test_id("stMarkdown").filter(has_text=f"Point {hit[1]}:")
                expect(reading).to_be_visible()
                return
    raise AssertionError("no point under the mouse anywhere on the map")


def test_logistic_regression_and_one_vs_all_train_live(app_url: str, page: Page):
    open_tab(page, app_url, 0, FAST.format("lr"))
    press(page, "Play")
    wait_for_epoch(page, FRAMES)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(re.compile(r"^\d+%$"))
    shoot(page, "logistic", status(page))
    open_tab(page, app_url, 3, FAST.format("ova"))  # a new page load: a new session
    press(page, "Play")
    wait_for_epoch(page, FRAMES)
    expect(page.get_by_text("do not add up to 1")).to_be_visible()
    shoot(page, "onevsall", status(page))
