"""Browser tests of the GAN lab: Play moves the fake samples; a step of D changes D's map and not
the samples, a step of G the reverse; a shared link gives the same run."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, wait_idle

STATUS = re.compile(r"^Epoch (\d+) · updates: D (\d+), G (\d+)")


def status(page: Page):
    return page.get_by_test_id("stMarkdown").filter(has_text=STATUS)


def plane(page: Page):
    return page.locator(".js-plotly-plot").filter(
        has=page.locator(".gtitle", has_text="Real and fake samples over D's map")
    )


def fakes(page: Page) -> str:
    """The fake samples as drawn (the only scatter trace when show=fake,dmap)."""
    return plane(page).locator(".scatterlayer .trace").first.inner_html()


def d_map(page: Page) -> str:
    """D's heatmap as drawn: Plotly paints it into one image."""
    return plane(page).locator(".heatmaplayer image").first.get_attribute("href")


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_idle(page)


def test_play_moves_the_fake_samples_and_pause_stops(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/GAN?show=fake&speed=20")
    expect(status(page)).to_have_text(re.compile(r"^Epoch 0 "))
    before = fakes(page)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(status(page)).to_have_text(re.compile(r"^Epoch ([4-9]\d|\d{3,}) "))  # 2 frames or more
    click(page, "Pause")
    paused = status(page).inner_text()
    page.wait_for_timeout(1000)
    assert status(page).inner_text() == paused  # no frame after Pause
    assert fakes(page) != before


def test_a_step_of_d_moves_only_the_map_and_a_step_of_g_only_the_samples(
    app_url: str, page: Page
) -> None:
    open_page(page, f"{app_url}/GAN?show=fake,dmap")
    expect(plane(page).locator(".heatmaplayer image")).to_have_count(1)
    samples, heatmap = fakes(page), d_map(page)
    click(page, "Step D")
    expect(status(page)).to_have_text(re.compile(r"^Epoch 0 · updates: D 1, G 0 "))
    assert fakes(page) == samples and d_map(page) != heatmap
    samples, heatmap = fakes(page), d_map(page)
    click(page, "Step G")
    expect(status(page)).to_have_text(re.compile(r"^Epoch 0 · updates: D 1, G 1 "))
    assert fakes(page) != samples and d_map(page) == heatmap


def run_from_link(page: Page, url: str) -> tuple[str, str]:
    open_page(page, url)
    click(page, "Step epoch")
    expect(status(page)).to_have_text(re.compile(r"^Epoch 1 "))
    return status(page).inner_text(), fakes(page)


def test_a_shared_link_gives_the_same_run(app_url: str, page: Page) -> None:
    link = f"{app_url}/GAN?data=ring&seed=7&opt_d=adam&lr_d=0.01&k_d=3&show=fake"
    first = run_from_link(page, link)
    second = run_from_link(page.context.new_page(), link)  # a new session, as a student's
    assert first == second
