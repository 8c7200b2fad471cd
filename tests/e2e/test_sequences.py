"""Browser test of the sequence lab: Play trains, the gate heatmaps change while it runs, the
timeline scrubs back, and a typed out-of-vocabulary sequence is a clear message. Screenshots at
1920x1080 go to screenshots/ (git-ignored)."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, wait_idle

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"

# The forget-gate heatmap's values as Plotly holds them in the page (a typed array, as JSON).
GATES_JS = """() => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')]
        .find(p => p.layout && p.layout.coloraxis3);
    return plot ? JSON.stringify(plot.data[0].z) : null;
}"""


def metric(page: Page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def test_gates_change_while_training_runs(app_url: str, page: Page) -> None:
    SHOTS.mkdir(exist_ok=True)
    open_page(page, f"{app_url}/Sequences")
    expect(page.locator("h1").first).to_contain_text("Sequences")
    expect(metric(page, "Training steps")).to_have_text("0")
    page.wait_for_function(f"({GATES_JS})() !== null")
    before = page.evaluate(GATES_JS)

    page.get_by_role("button", name="Play").click()
    expect(metric(page, "Training steps")).to_have_text(re.compile(r"^[2-9]\d$|^\d{3,}$"))
    page.wait_for_function(f"({GATES_JS})() !== {before!r}")  # redrawn by the fragment, live
    page.screenshot(path=SHOTS / "sequences_playing.png")

    page.get_by_role("button", name="Pause").click()
    wait_idle(page)
    steps = int(metric(page, "Training steps").inner_text())
    expect(metric(page, "Training steps")).to_have_text(str(steps))  # paused: stays put
    page.get_by_test_id("stMain").evaluate("el => el.scrollBy(0, 420)")
    page.screenshot(path=SHOTS / "sequences_paused.png")

    timeline = page.get_by_test_id("stSlider").filter(has_text="Training timeline")
    slider = timeline.get_by_role("slider")
    slider.focus()
    slider.press("Home")  # scrub the timeline back to step 0
    wait_idle(page)
    page.wait_for_function(f"({GATES_JS})() === {before!r}")

    probe = page.get_by_role("textbox", name=re.compile("Input sequence to inspect"))
    probe.fill("01M1x?")
    probe.press("Enter")
    wait_idle(page)
    expect(page.get_by_text("'x' not in this task's vocabulary")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
