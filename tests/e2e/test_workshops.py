"""Browser tests of the Workshops lab: the live fits move in a real browser, the paths follow the
controls, and nothing is blank (Plotly charts redrawn every frame)."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, wait_idle


def status(page: Page):
    return page.get_by_test_id("stMarkdown").filter(has_text=re.compile(r"^Step \d+"))


def step_shown(page: Page) -> int:
    return int(re.match(r"Step (\d+)", status(page).inner_text()).group(1))


def chart(page: Page, title: str):
    """The Plotly chart whose title is `title`."""
    return page.locator(".js-plotly-plot").filter(has=page.locator(".gtitle", has_text=title))


def legend(page: Page, title: str) -> list[str]:
    return chart(page, title).locator(".legendtext").all_text_contents()


def test_house_fit_moves_while_playing_and_stops_on_pause(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/Workshops?tab=house&speed=5")
    expect(status(page)).to_have_text(re.compile(r"^Step 0 "))
    line = chart(page, "The neuron's line")
    before = line.locator(".scatterlayer .trace").last.inner_html()
    page.get_by_role("button", name="Play", exact=True).click()
    expect(status(page)).to_have_text(re.compile(r"^Step ([2-9]\d|\d{3,}) "))  # ≥ 20 steps
    page.get_by_role("button", name="Pause", exact=True).click()
    wait_idle(page)
    paused = step_shown(page)
    page.wait_for_timeout(1500)
    assert step_shown(page) == paused  # no frame after Pause
    assert line.locator(".scatterlayer .trace").last.inner_html() != before  # the line moved
    expect(chart(page, "Cost J while it learns").locator(".scatterlayer .trace")).to_have_count(1)


def test_paths_follow_the_features_and_lambda(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/Workshops?tab=paths")
    title = "Coefficient paths"
    expect(chart(page, title).locator(".legendtext").first).to_be_visible()
    assert legend(page, title)[:6] == ["m²", "rooms", "age", "distance", "floor", "month"]
    page.get_by_test_id("stButtonGroup").get_by_role("button", name="floor").click()
    wait_idle(page)
    expect(chart(page, title).locator(".legendtext")).to_have_count(6)  # 5 features + descent
    assert "floor" not in legend(page, title)
    lam = page.get_by_label("λ", exact=True)
    lam.fill("-2")
    lam.press("Enter")
    wait_idle(page)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("λ must be between 0")
    lam.fill("2")
    lam.press("Enter")
    wait_idle(page)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    assert "lam=2.0" in page.url


def test_proximal_descent_reaches_the_lasso_zeros_live(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/Workshops?tab=paths&lam=2.0&speed=100")
    page.get_by_role("button", name="Play", exact=True).click()
    expect(status(page)).to_contain_text("2 of 6 θ_j exactly 0")
    expect(status(page)).to_have_text(
        re.compile(r"exact answer: (\d\.?\d*e-0[5-9]|\d\.?\d*e-\d\d)")
    )
    page.get_by_role("button", name="Pause", exact=True).click()
    wait_idle(page)
    bars = chart(page, "θ_j now and the exact answer").locator(".barlayer .point")
    expect(bars).to_have_count(12)
