"""The loss-surface page in a real browser: the tabs draw, the animation plays, training runs live.

Screenshots of each tab (1920x1080) go to /work/screenshots/ when that folder exists.
"""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, wait_idle

SHOTS = Path("/work/screenshots")


def shoot(page: Page, name: str) -> None:
    if SHOTS.is_dir():
        page.screenshot(path=SHOTS / f"loss_surface_{name}.png")


def open_tab(page: Page, app_url: str, tab: str | None = None) -> None:
    open_page(page, f"{app_url}/Loss_surface")
    expect(page.locator("h1").first).to_contain_text("Loss surface")
    if tab is not None:
        page.get_by_role("tab", name=tab).click()
        wait_idle(page)


def test_exact_surface_path_animates_and_a_huge_rate_is_stopped(app_url: str, page: Page) -> None:
    open_tab(page, app_url)
    expect(page.get_by_text(re.compile(r"^Minimum in view: w = 2\.1"))).to_be_visible()
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    expect(chart.get_by_text("Step 0")).to_be_visible()
    chart.get_by_text("Play", exact=False).first.click()  # Plotly's own button: no server trip
    expect(chart.get_by_text(re.compile(r"^Step [1-9]\d*$"))).to_be_visible()  # it moves
    expect(chart.locator(".imagelayer image")).to_have_count(1)  # the map stays under the path
    shoot(page, "exact")
    field = page.get_by_role("spinbutton", name="Learning rate α")
    field.fill("50")
    field.press("Enter")
    wait_idle(page)
    expect(page.get_by_text(re.compile("diverged at step"))).to_be_visible()


def test_learning_rates_and_optimizers_tabs(app_url: str, page: Page) -> None:
    open_tab(page, app_url, "Learning rates")
    expect(page.get_by_text(re.compile(r": zigzags$"))).to_be_visible()
    expect(page.get_by_text(re.compile(r": leaves the view$"))).to_be_visible()
    page.get_by_test_id("stPlotlyChart").first.scroll_into_view_if_needed()
    shoot(page, "rates")
    page.get_by_role("tab", name="Optimizers").click()
    wait_idle(page)
    expect(page.get_by_text("α for Momentum")).to_be_visible()
    page.get_by_test_id("stPlotlyChart").first.scroll_into_view_if_needed()
    shoot(page, "optimizers")


def test_network_slice_trains_live(app_url: str, page: Page) -> None:
    open_tab(page, app_url, "A network's surface")
    epoch = page.get_by_test_id("stMetric").filter(has_text="Epoch").get_by_test_id("stMetricValue")
    expect(epoch).to_have_text("100")
    expect(page.get_by_text("Path explained by the plane")).to_be_visible()
    page.get_by_test_id("stPlotlyChart").first.scroll_into_view_if_needed()
    shoot(page, "network")
    page.get_by_role("button", name="▶ Train live").click()
    expect(epoch).not_to_have_text("100")  # the fragment ticks and trains
    page.mouse.move(1000, 600)
    page.mouse.wheel(0, 500)  # the map is redrawn on every tick: scroll the page, not to it
    expect(page.get_by_test_id("stPlotlyChart").first.locator(".imagelayer image")).to_have_count(1)
    shoot(page, "network_live")
    page.get_by_role("button", name="❚❚ Pause").click()
    expect(page.get_by_role("button", name="▶ Train live")).to_be_visible()
