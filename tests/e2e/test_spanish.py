"""Every page and every tab in Spanish (?lang=es) at a projector's 1280x720: none of the English
strings of assets/text/en/ is on screen, in the page's text, in Plotly's SVG text or in what a
canvas draws (the Playground's live view, Vega-Lite charts); and the screen fits (the checks of
tests/e2e/layout.py: nothing wider than the column, no overlapping charts, no cut label, chart
text at least 14 px). Screenshots of each tab go to screenshots/es/ (git-ignored) at 1280x720;
FULL_SHOTS=1 adds one of the whole tab, 1280 wide."""

import os
import re
import tomllib
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.conftest import PROJECTOR, new_tab, open_page, wait_idle
from tests.e2e.layout import layout_problems, small_chart_text
from ui import common

REPO_ROOT = Path(__file__).resolve().parents[2]
TEXT_ROOT = REPO_ROOT / "assets" / "text"
SHOTS = REPO_ROOT / "screenshots" / "es"
MIN_CHARS = 12  # shorter English fragments may also be Spanish words or symbols
SPLIT = re.compile(
    r"\$\$.+?\$\$|\$.+?\$|\{[^{}]*\}|\*\*|\*|`|:\w+\[|\]|\n|[•·→←▶◀⏸⟲↺⏩❚()]|[.:;!?](?=\s)",
    re.DOTALL,
)
# Every string a canvas draws (fillText/strokeText), recorded before any page script runs.
RECORD_CANVAS_TEXT = """
window.__canvasText = new Set();
for (const name of ['fillText', 'strokeText']) {
    const draw = CanvasRenderingContext2D.prototype[name];
    CanvasRenderingContext2D.prototype[name] = function (text, ...rest) {
        window.__canvasText.add(String(text));
        return draw.call(this, text, ...rest);
    };
}
"""
SCREEN_TEXT_JS = """() => {
    const main = document.querySelector('[data-testid=stApp]');
    const svg = [...document.querySelectorAll('svg text')]
        .filter(t => t.getClientRects().length > 0).map(t => t.textContent);
    return [main.innerText, ...svg, ...window.__canvasText].join('\\n');
}"""
CONTENT_HEIGHT_JS = """() => {
    const main = document.querySelector('[data-testid=stMain]') || document.body;
    return Math.max(main.scrollHeight, document.body.scrollHeight);
}"""


def strings(tree):
    if isinstance(tree, dict):
        for value in tree.values():
            yield from strings(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from strings(value)
    elif isinstance(tree, str):
        yield tree


def load(lang: str, key: str) -> dict:
    with (TEXT_ROOT / lang / f"{key}.toml").open("rb") as f:
        return tomllib.load(f)


def english_fragments(key: str) -> set[str]:
    """The pieces of prose in en/<key>.toml and en/common.toml between LaTeX, placeholders and
    Markdown marks, long enough to be unambiguous and found in no Spanish file."""
    spanish = "\n".join(
        s for path in (TEXT_ROOT / "es").glob("*.toml") for s in strings(load("es", path.stem))
    )
    found = set()
    for source in (key, "common"):
        for s in strings(load("en", source)):
            if "$" not in s and re.search(r"\\[A-Za-z]+", s):
                continue  # a formula: KaTeX draws it, and es has the same LaTeX
            for piece in SPLIT.split(s):
                piece = " ".join(piece.split()).strip(" .,:;()")
                long_enough = len(piece) >= MIN_CHARS and re.search(r"[a-z]{3}", piece)
                if long_enough and piece not in spanish:
                    found.add(piece)
    return found


def url_path(page_file: str) -> str:
    """A page file's address: pages/1_Neuron_and_backprop.py -> /Neuron_and_backprop."""
    if page_file == "app.py":
        return "/"
    return "/" + re.sub(r"^\d+_", "", Path(page_file).stem)


@pytest.fixture
def projector_page(browser: Browser):
    """A 1280x720 page that records what its canvases draw."""
    with new_tab(browser, PROJECTOR, RECORD_CANVAS_TEXT) as tab:
        yield tab


def english_on_screen(page: Page, fragments: set[str]) -> list[str]:
    screen = " ".join(page.evaluate(SCREEN_TEXT_JS).split())
    return sorted(f for f in fragments if f in screen)


def shoot(page: Page, name: str) -> None:
    """The tab as a projector shows it; with FULL_SHOTS=1 also the whole tab at the same width."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")
    if os.environ.get("FULL_SHOTS") != "1":
        return
    height = min(page.evaluate(CONTENT_HEIGHT_JS), 6000)
    page.set_viewport_size({"width": PROJECTOR["width"], "height": max(height, 720)})
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / f"{name}_full.png")
    page.set_viewport_size(PROJECTOR)


def each_tab(page: Page):
    """Click through the page's tabs (none: the page itself), yielding each tab's label."""
    tabs = page.get_by_role("tab")
    for i in range(max(tabs.count(), 1)):
        if tabs.count():
            page.evaluate("window.__canvasText && window.__canvasText.clear()")
            tabs.nth(i).click()
            wait_idle(page)
        page.mouse.move(5, 5)
        page.wait_for_timeout(800)  # charts draw, and long formulas shrink, after the run ends
        yield f"{i} ({tabs.nth(i).inner_text()})" if tabs.count() else "0"


@pytest.mark.parametrize("page_file", list(common.PAGES), ids=lambda p: common.PAGES[p])
def test_page_in_spanish_shows_no_english(app_url: str, projector_page: Page, page_file: str):
    key = common.PAGES[page_file]
    fragments = english_fragments(key)
    page = projector_page
    open_page(page, f"{app_url}{url_path(page_file)}?lang=es")
    found, layout = {}, {}
    for n, tab in enumerate(each_tab(page)):
        shoot(page, f"{key}_{n}")
        if english := english_on_screen(page, fragments):
            found[f"{key} tab {tab}"] = english
        if problems := layout_problems(page) + small_chart_text(page):
            layout[f"{key} tab {tab}"] = problems
    assert not found, f"English on the Spanish page: {found}"
    assert not layout, f"Does not fit a 1280x720 projector: {layout}"
