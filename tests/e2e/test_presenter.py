"""Presenter mode (present=1) on a 1280x720 projector: the sidebar and the header toolbar are
gone, each lab's main live view fits the screen while training (the Playground's network, output
and loss; all six of the LSTM's gate maps), and the keyboard drives it: Space plays and pauses,
→ steps, R resets, and ← → move the backprop stepper. Screenshots go to screenshots/presenter/."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PROJECTOR, open_page, wait_idle
from tests.e2e.test_playground import VIEW, metric, wait_until

SHOTS = Path(__file__).resolve().parents[2] / "screenshots" / "presenter"
BOXES_JS = (
    "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.right, r.bottom]; })"
)


def fits_the_screen(page: Page, selector: str) -> None:
    corners = page.locator(selector).evaluate_all(BOXES_JS)
    assert corners, f"nothing matches {selector}"
    for right, bottom in corners:
        assert right <= PROJECTOR["width"] and bottom <= PROJECTOR["height"], (right, bottom)


def keys_ready(page: Page) -> None:
    """The keyboard shortcuts' script has loaded (a component, a moment after the page)."""
    page.wait_for_function("() => globalThis.neuronaKeys === true")


def epoch(page: Page) -> int:
    return int(metric(page, "Epoch").inner_text().replace(",", ""))


def test_the_playground_fits_one_screen_and_obeys_the_keyboard(app_url: str, projector: Page):
    page = projector
    open_page(page, f"{app_url}/?present=1&lang=en")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stToolbar")).to_be_hidden()
    expect(metric(page, "Epoch")).to_have_text("0")
    keys_ready(page)
    page.keyboard.press("Space")  # play
    expect(page.get_by_role("button", name="⏸ Pause", exact=True)).to_be_visible()
    wait_until(page, lambda: epoch(page) >= 5)
    fits_the_screen(page, f"{VIEW} canvas")  # network, output and loss, while training
    fits_the_screen(page, ".st-key-pg_pause")  # and the toolbar above them
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "playground_training.png")
    page.keyboard.press("Space")  # pause
    expect(page.get_by_role("button", name="▶ Play", exact=True)).to_be_visible()
    wait_idle(page)
    paused = epoch(page)
    page.keyboard.press("ArrowRight")  # one step
    wait_until(page, lambda: epoch(page) > paused)
    page.keyboard.press("r")  # reset
    expect(metric(page, "Epoch")).to_have_text("0")


def test_all_six_gate_maps_fit_one_screen_while_training(app_url: str, projector: Page):
    page = projector
    open_page(page, f"{app_url}/Sequences?present=1&lang=en")
    keys_ready(page)
    page.keyboard.press("Space")
    expect(page.locator(".st-key-seq_pause")).to_be_visible()
    gates = page.locator(".st-key-seq_gates .js-plotly-plot").first
    expect(gates).to_be_visible()
    expect(gates.locator(".cartesianlayer .subplot")).to_have_count(6)  # f, i, o, c̃, c and h
    fits_the_screen(page, ".st-key-seq_gates .js-plotly-plot")
    page.screenshot(path=SHOTS / "sequences_training.png")
    page.keyboard.press("Space")
    expect(page.locator(".st-key-seq_play")).to_be_visible()


def test_the_arrows_move_the_backprop_stepper(app_url: str, projector: Page):
    page = projector
    open_page(page, f"{app_url}/Neuron_and_backprop?tab=backprop&present=1&lang=en")
    expect(page.get_by_text(re.compile(r"step 1 of 12"))).to_be_visible()
    keys_ready(page)
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text(re.compile(r"step 2 of 12"))).to_be_visible()
    page.keyboard.press("PageDown")  # a clicker's forward button
    expect(page.get_by_text(re.compile(r"step 3 of 12"))).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_text(re.compile(r"step 2 of 12"))).to_be_visible()
