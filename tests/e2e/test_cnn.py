"""Browser test of the CNN page: the convolution stepper advances, kernels change while training.

Screenshots (1920x1080) of every tab go to /work/screenshots/ for a person to look at.
"""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import open_page, wait_idle
from ui import text

T = text.load("cnn")
SHOTS = Path("/work/screenshots")
KERNELS_CHANGED = """early => {
    const img = document.querySelector('[data-testid=stImage] img');
    return img !== null && img.src !== early;
}"""


def tab_url(app_url: str, key: str) -> str:
    return f"{app_url}/CNN?tab={key}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.mouse.move(0, 0)
    page.screenshot(path=SHOTS / f"cnn_{name}.png")


def click(page, name: str, idle: bool = True) -> None:
    """Click a button; wait for the rerun to end unless a live panel keeps the script busy."""
    page.get_by_role("button", name=name, exact=True).click()
    if idle:
        wait_idle(page)


def image_sources(page) -> list[str]:
    """The src of every st.image on the page (Streamlit names media files by their content)."""
    return page.locator("[data-testid=stImage] img").evaluate_all("els => els.map(e => e.src)")


def test_step_by_step_convolution_advances_and_plays(app_url, page):
    open_page(page, tab_url(app_url, "conv"))
    expect(page.get_by_text("Step 1 of 9")).to_be_visible()
    expect(page.get_by_text(re.compile(r"output cell \(0, 0\) becomes 4"))).to_be_visible()
    click(page, T["stepper"]["next"])
    expect(page.get_by_text(re.compile(r"output cell \(0, 1\) becomes 3"))).to_be_visible()
    shot(page, "conv_by_hand")
    click(page, T["stepper"]["play"], idle=False)
    expect(page.get_by_text(re.compile(r"Step [4-9] of 9"))).to_be_visible(timeout=30_000)
    click(page, T["stepper"]["pause"], idle=False)
    expect(page.get_by_role("button", name=T["stepper"]["play"])).to_be_visible()
    assert page.locator("[data-testid=stException]").count() == 0


def test_kernels_change_while_training(app_url, page):
    open_page(page, tab_url(app_url, "train"))
    click(page, T["train"]["play"], idle=False)
    expect(page.get_by_text(re.compile(r"Epoch \d+ of 15: [1-9]\d*%"))).to_be_visible()
    kernels_early = image_sources(page)[0]  # the first image on the tab is the kernels
    page.wait_for_function(KERNELS_CHANGED, arg=kernels_early, timeout=30_000)
    expect(page.get_by_role("button", name=T["train"]["pause"])).to_be_visible()  # still training
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    shot(page, "training")
    click(page, T["train"]["pause"], idle=False)
    expect(page.get_by_role("button", name=T["train"]["play"])).to_be_visible()
    assert page.locator("[data-testid=stException]").count() == 0


def test_every_tab_draws(app_url, page):
    open_page(page, tab_url(app_url, "conv"))
    for key, label in T["tabs"].items():
        page.get_by_role("tab", name=label).click()
        wait_idle(page)
        expect(page.get_by_role("tab", name=label, selected=True)).to_be_visible()
        if key == "draw":
            click(page, T["draw"]["quick_train"].format(epochs=10))
            expect(page.get_by_text(T["draw"]["prediction"], exact=True)).to_be_visible()
        if key == "workshop":
            click(page, T["workshop"]["play"], idle=False)
            expect(page.get_by_text(re.compile(r"0\.[1-9]\d of 3 epochs")).first).to_be_visible()
        panel = page.get_by_role("tabpanel")
        expect(
            panel.locator(".js-plotly-plot .main-svg, [data-testid=stImage]").first
        ).to_be_visible()
        assert page.locator("[data-testid=stException]").count() == 0
        shot(page, f"tab_{key}")
