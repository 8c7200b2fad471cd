"""The Playground in Chromium: Play trains and redraws, Pause stops, a shared link replays the
same run, divergence says so in plain words, and the views are drawn (screenshots saved)."""

import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, wait_idle
from ui.playground import config as cf

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
VIEW = ".nrn"  # the canvases' root (inside a shadow root: Playwright's CSS locators pierce it)
DRAWN = re.compile(r"^[1-9][0-9]*$")


def link(app_url: str, **settings) -> str:
    return f"{app_url}/?{urlencode(cf.to_query(cf.PlaygroundConfig(**settings)))}"


def metric(page: Page, label: str):
    """The value of the number with this label above the canvases."""
    return page.locator(f"{VIEW} .nrn-stat[data-name='{label}'] .nrn-value")


def drawn(page: Page) -> tuple[int, int]:
    """(frames the canvases have drawn, epoch of the frame on screen)."""
    frames, epoch = page.locator(VIEW).evaluate("e => [e.dataset.frames, e.dataset.epoch]")
    return int(frames or 0), int(epoch or 0)


def wait_until(page: Page, condition: Callable[[], bool], timeout_s: float = 30) -> None:
    """Poll a condition on the page until it holds (the browser keeps running meanwhile)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the page did not get there in time"
        page.wait_for_timeout(100)


def big_view_pixels(page: Page) -> str:
    return page.locator(f"{VIEW} .nrn-big canvas").evaluate("c => c.toDataURL()")


def press(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def test_play_trains_and_redraws_then_pause_stops(app_url: str, page: Page) -> None:
    open_page(page, app_url)
    expect(metric(page, "Epoch")).to_have_text("0")
    expect(page.locator(VIEW)).to_have_attribute("data-frames", DRAWN)
    before = big_view_pixels(page)
    press(page, "▶ Play")
    expect(metric(page, "Epoch")).not_to_have_text("0")
    wait_until(page, lambda: drawn(page)[1] >= 20)  # the canvases show a later epoch ...
    first = drawn(page)
    wait_until(
        page, lambda: drawn(page)[1] > first[1] and drawn(page)[0] > first[0]
    )  # ... and go on
    assert big_view_pixels(page) != before  # the boundary moved
    press(page, "⏸ Pause")
    expect(page.get_by_role("button", name="▶ Play", exact=True)).to_be_visible()
    wait_idle(page)
    stopped = metric(page, "Epoch").inner_text()
    frames, epoch = drawn(page)
    page.wait_for_timeout(1_500)  # paused: nothing may move in this time
    assert metric(page, "Epoch").inner_text() == stopped
    assert drawn(page) == (frames, epoch)


def test_a_shared_link_gives_the_same_configuration_and_loss(app_url: str, browser) -> None:
    """Two visitors open one link, train 3 epochs and see the same losses; a reload keeps it."""
    url = link(app_url, dataset="xor", lr=0.1, hidden=(6, 3), activation="relu", seed=11)
    losses = []
    for _ in range(2):  # two visitors: separate sessions
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        open_page(page, url)
        expect(page.get_by_role("combobox", name="Dataset")).to_have_value("XOR")
        for _ in range(3):
            press(page, "Step")
            wait_idle(page)
        expect(metric(page, "Epoch")).to_have_text("3")
        losses.append(
            (metric(page, "Train loss").inner_text(), metric(page, "Test loss").inner_text())
        )
        assert "lr=0.1" in page.url and "layers=6%2C3" in page.url and "data=xor" in page.url
        page.reload()  # a reload is a new session: the link brings the configuration back
        page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]")
        expect(page.get_by_role("combobox", name="Dataset")).to_have_value("XOR")
        expect(page.get_by_role("combobox", name="Activation g")).to_have_value("ReLU")
        context.close()
    assert losses[0] == losses[1]


def test_divergence_pauses_with_a_plain_message(app_url: str, page: Page) -> None:
    open_page(page, link(app_url, lr=10.0, activation="relu"))
    press(page, "▶ Play")
    expect(page.get_by_text("Lower the learning rate")).to_be_visible()
    expect(page.get_by_role("button", name="▶ Play", exact=True)).to_be_disabled()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_hostile_link_falls_back_to_defaults_with_a_notice(app_url: str, page: Page) -> None:
    open_page(page, f"{app_url}/?lr=%3Cscript%3E&layers=99,99&seed=1e99&data=../../etc")
    expect(page.get_by_text("were not valid and were replaced by defaults")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(metric(page, "Epoch")).to_have_text("0")
    assert "lr=" not in page.url and "layers=" not in page.url  # rewritten clean


def test_a_typed_learning_rate_is_used(app_url: str, page: Page) -> None:
    open_page(page, app_url)
    box = page.get_by_role("combobox", name="Learning rate α")
    box.click()
    box.fill("0.05")
    box.press("Enter")
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"lr=0\.05"))


def test_clicking_a_neuron_shows_it_in_the_big_view(app_url: str, page: Page) -> None:
    open_page(page, app_url)
    view = page.locator(VIEW)
    expect(view).to_have_attribute("data-frames", DRAWN)
    x, y = view.evaluate(
        """root => {
            const canvas = root.querySelector('.nrn-net canvas').getBoundingClientRect();
            const { pos, s } = root.view.geo;
            const node = root.view.nodes.findIndex((n) => n.l === 1 && n.j === 2);
            return [canvas.x + pos[node].x + s / 2, canvas.y + pos[node].y + s / 2];
        }"""
    )
    caption = page.locator(f"{VIEW} .nrn-big figcaption")
    page.mouse.click(x, y)
    expect(caption).to_contain_text("Hidden layer 1, neuron 3")
    expect(page.get_by_role("combobox", name="Big view shows")).to_have_value(
        "Hidden layer 1, neuron 3"
    )
    page.mouse.click(x, y)  # the same neuron again: back to the output
    expect(caption).to_have_text("Output ŷ over the plane")
    page.mouse.click(x, y)  # and once more: the neuron (each click counts, even a repeated one)
    expect(caption).to_contain_text("Hidden layer 1, neuron 3")


def test_screenshots_after_training(app_url: str, page: Page) -> None:
    """Saved to screenshots/ for a person to look at; the test checks that every view drew."""
    SCREENSHOTS.mkdir(exist_ok=True)
    open_page(page, link(app_url, noise=0.1, show_test=True))
    press(page, "▶ Play")
    wait_until(page, lambda: drawn(page)[1] >= 150, timeout_s=60)
    press(page, "⏸ Pause")
    wait_idle(page)
    for width, height in ((1920, 1080), (1280, 720)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)  # the canvases follow the new width on a resize observer
        page.screenshot(path=SCREENSHOTS / f"playground_{width}x{height}.png")
        for canvas in page.locator(f"{VIEW} canvas").all():
            assert canvas.evaluate("c => c.width > 200 && c.height > 150")
    # on a small screen the views sit below the intro: scroll them up under the numbers
    page.locator(".st-key-pg_view").evaluate(
        """e => {
            e.scrollIntoView({block: 'start'});
            let box = e.parentElement;
            while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
            if (box) box.scrollBy(0, -72);  // out from under the page header
        }"""
    )
    page.wait_for_timeout(300)
    page.screenshot(path=SCREENSHOTS / "playground_1280x720_views.png")
