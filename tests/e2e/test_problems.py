"""Browser tests of the Problems lab: the five imbalance runs train live and stop on Pause, the
overfitting runs play and early stopping restores its epoch, and at 1280x720 in Spanish the
charts fit the main column."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, wait_idle

STATUS = re.compile(r"^(Epoch|Época) (\d+)")


def status(page: Page):
    return page.get_by_test_id("stMarkdown").filter(has_text=STATUS).first


def epoch_shown(page: Page) -> int:
    return int(STATUS.match(status(page).inner_text()).group(2))


def test_imbalance_runs_train_live_and_stop_on_pause(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/Problems?share=5&ispeed=5")
    expect(status(page)).to_have_text(re.compile(r"^Epoch 0 "))
    boundaries = page.locator(".js-plotly-plot").first
    for title in ("No remedy", "Undersampling", "Oversampling", "SMOTE", "Class weights"):
        expect(boundaries.locator(".annotation-text", has_text=title).first).to_be_visible()
    expect(page.get_by_text("The accuracy paradox:")).to_be_visible()
    page.get_by_role("button", name="Play", exact=True).click()
    expect(status(page)).to_have_text(re.compile(r"^Epoch ([2-9]\d|\d{3,}) "))  # ≥ 20 epochs
    page.get_by_role("button", name="Pause", exact=True).click()
    wait_idle(page)
    paused = epoch_shown(page)
    page.wait_for_timeout(1500)
    assert epoch_shown(page) == paused  # no frame after Pause
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_overfitting_plays_and_early_stopping_restores_its_epoch(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/Problems?tab=overfit&fspeed=20")
    page.get_by_role("button", name="Play", exact=True).click()
    expect(status(page)).to_have_text(re.compile(r"^Epoch (1[2-9]\d|[2-9]\d\d|\d{4,}) "))
    page.get_by_role("button", name="Pause", exact=True).click()
    wait_idle(page)
    best = int(re.search(r"was at epoch (\d+)", status(page).inner_text()).group(1))
    assert best < epoch_shown(page)
    page.get_by_role("button", name="Restore the early-stopping state").click()
    wait_idle(page)
    expect(status(page)).to_have_text(re.compile(rf"^Epoch {best} "))
    expect(page.get_by_role("button", name="Restore the early-stopping state")).to_be_disabled()


def test_spanish_at_1280x720_fits_the_main_column(app_url: str, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{app_url}/Problems?lang=es")
    expect(page.locator("h1").first).to_contain_text("Problemas comunes")
    expect(status(page)).to_have_text(re.compile(r"^Época 0 "))
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(3)
    main = page.get_by_test_id("stMainBlockContainer").bounding_box()
    for chart in charts.all():
        box = chart.bounding_box()
        assert (
            box["x"] >= main["x"] - 1 and box["x"] + box["width"] <= main["x"] + main["width"] + 1
        )
    # Spanish numbers: the paradox's accuracy with a decimal comma.
    expect(page.get_by_text(re.compile(r"exactitud de \d+,\d %"))).to_be_visible()
