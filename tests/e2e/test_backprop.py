"""Browser test of the neuron and backprop page: the stepper moves both ways, every tab draws.

Screenshots (1920x1080) go to /work/screenshots/ for a person to look at.
"""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import SCRIPT_DONE_JS, open_page, wait_idle
from ui import text

T = text.load("backprop")
SHOTS = Path("/work/screenshots")
TEX = 'annotation[encoding="application/x-tex"]'


def tab_url(app_url: str, key: str) -> str:
    return f"{app_url}/Neuron_and_backprop?tab={key}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"backprop_{name}.png")


def shown_tex(page) -> list[str]:
    """The LaTeX source of every formula on screen (KaTeX keeps it in a MathML annotation)."""
    return page.locator(TEX).all_text_contents()


def click(page, name: str) -> None:
    page.get_by_role("button", name=name).click()  # the name also shows a key shortcut
    wait_idle(page)


def step_to(page, name: str, step: int) -> None:
    """Click Next or Previous and wait for the heading to show the expected step."""
    page.get_by_role("button", name=name).click()
    expect(page.get_by_text(re.compile(f"step {step} of 12"))).to_be_visible()
    page.wait_for_function(SCRIPT_DONE_JS, polling=100)  # the rest of the panel has arrived


def diagram_shows(page, pattern: str, name: str) -> None:
    """The network diagram shows a number like `pattern`; screenshot the stepper as it is."""
    diagram = page.locator(".js-plotly-plot").first
    expect(diagram.get_by_text(re.compile(pattern)).first).to_be_visible()
    diagram.scroll_into_view_if_needed()
    shot(page, name)


def test_stepper_forward_and_backward_changes_the_numbers(app_url, page):
    open_page(page, tab_url(app_url, "backprop"))
    expect(page.get_by_text("Epoch 0 · step 1 of 12")).to_be_visible()
    before = shown_tex(page)
    step_to(page, T["stepper"]["next"], 2)
    forward = shown_tex(page)
    assert forward != before
    assert any(r"Z^{[1]} = A^{[0]} W^{[1]}" in tex for tex in forward)
    diagram_shows(page, r"z = -?\d", "stepper_forward")
    for step in range(3, 11):
        step_to(page, T["stepper"]["next"], step)
    backward = shown_tex(page)
    assert any(r"\odot" in tex for tex in backward)
    diagram_shows(page, r"δ = -?\d", "stepper_backward")
    step_to(page, T["stepper"]["previous"], 9)
    assert shown_tex(page) != backward


def test_play_advances_and_pause_stops(app_url, page):
    open_page(page, tab_url(app_url, "backprop"))
    click(page, T["stepper"]["play"])
    expect(page.get_by_text(re.compile(r"step [3-9] of 12"))).to_be_visible(timeout=30_000)
    click(page, T["stepper"]["pause"])
    expect(page.get_by_role("button", name=T["stepper"]["play"])).to_be_visible()


def test_every_tab_draws_its_charts(app_url, page):
    open_page(page, tab_url(app_url, "neuron"))
    for key, label in T["tabs"].items():
        page.get_by_role("tab", name=label).click()
        wait_idle(page)
        expect(page.get_by_role("tab", name=label, selected=True)).to_be_visible()
        panel = page.get_by_role("tabpanel")
        expect(panel.locator(".js-plotly-plot .main-svg").first).to_be_visible()
        assert page.locator("[data-testid=stException]").count() == 0
        page.mouse.move(0, 0)
        shot(page, f"tab_{key}")
