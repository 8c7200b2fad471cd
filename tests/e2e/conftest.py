"""Browser-test harness: a real `streamlit run app.py` server and Debian's Chromium via Playwright.

Every test in tests/e2e/ gets the `e2e` marker. Fixtures: `app_url` (the server's base URL, one
server per session), `browser` (one Chromium per session) and `page` (a fresh 1920x1080 page per
test). Helpers, imported as `from tests.e2e.conftest import open_page, wait_idle`:

    def test_play_trains(app_url, page):
        open_page(page, f"{app_url}/CNN")
        page.get_by_role("button", name="Play").click()
        wait_idle(page)
        expect(page.get_by_text("Epoch 3")).to_be_visible()   # retries until it shows

Assert progress through visible text with `expect`, never with sleeps. Without /usr/bin/chromium
the browser tests skip, except in CI (CI=true), where they fail. A failed test leaves a screenshot
in screenshots/failed/ (git-ignored).
"""

import contextlib
import ctypes
import ctypes.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO_ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps dialing out, and this machine refuses every try.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1920, "height": 1080}
PROJECTOR = {"width": 1280, "height": 720}
SERVER_START_S = 60
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# Generous: 2 cores shared by several people (load 15-20 seen), and a first run may import torch.
# They cost nothing while tests pass; only a failing wait takes this long.
ACTION_TIMEOUT_MS = 60_000
EXPECT_TIMEOUT_MS = 60_000

LONGEST_FILE = "test_navigation.py"
APP_SELECTOR = "[data-testid=stApp]"
CONNECTED = f"{APP_SELECTOR}[data-test-connection-state=CONNECTED]"
# stApp's data-test-script-state is "initial" until the first run starts, so "notRunning" means a
# run has happened and ended; stSkeleton is the placeholder shown before a page's first output.
SCRIPT_DONE_JS = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    return app !== null
        && app.dataset.testScriptState === 'notRunning'
        && document.querySelector('[data-testid=stSkeleton]') === null;
}"""
SCRIPT_BUSY_JS = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    return app !== null && app.dataset.testScriptState !== 'notRunning';
}"""
RERUN_START_MS = 1_000


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every browser test e2e; skip them without Chromium, unless in CI. The longest file
    (the walk over every pair of pages, about 9 minutes) goes first, so that with two workers
    it does not run alone at the end."""
    items.sort(key=lambda item: item.path.name != LONGEST_FILE)  # a stable sort: only it moves
    e2e_items = [item for item in items if item.path.is_relative_to(E2E_DIR)]
    for item in e2e_items:
        item.add_marker(pytest.mark.e2e)
    if not CHROMIUM.exists() and not in_ci():
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium")
        for item in e2e_items:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    """Save what the browser showed when a test failed."""
    report = yield
    page = getattr(item, "funcargs", {}).get("page")
    if report.when == "call" and report.failed and page is not None and not page.is_closed():
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in item.name)
        path = REPO_ROOT / "screenshots" / "failed" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(PlaywrightError):  # a crashed page: the failure says enough
            page.screenshot(path=path)
            report.sections.append(("screenshot", str(path)))
    return report


def die_with_parent() -> None:
    """In the server process: get SIGTERM when pytest dies, even killed without cleanup (Linux
    prctl PR_SET_PDEATHSIG), so no orphaned server keeps a core of this shared machine busy."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(server: subprocess.Popen, url: str, log: Path) -> None:
    """Poll Streamlit's health endpoint until it answers 200; fail with the server log if not."""
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with code {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    pytest.fail(f"streamlit did not answer {url} within {SERVER_START_S} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `streamlit run app.py` on a free port and yield its base URL."""
    if not (REPO_ROOT / "app.py").exists():
        pytest.fail(f"{REPO_ROOT / 'app.py'} is missing")
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT, preexec_fn=die_with_parent
        )
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_healthy(server, f"{base_url}/_stcore/health", log)
        if "is not a valid config option" in log.read_text():
            pytest.fail(f".streamlit/config.toml has an unknown option:\n{log.read_text()}")
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing and CI must run the browser tests")
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@contextlib.contextmanager
def new_tab(browser: Browser, viewport: dict = VIEWPORT, init_script: str = "") -> Iterator[Page]:
    """A page in a fresh browser context (own cookies, so its own Streamlit session), with a
    script that runs before any of the page's own."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    if init_script:
        context.add_init_script(init_script)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh 1920x1080 page."""
    with new_tab(browser) as tab:
        yield tab


@pytest.fixture
def projector(browser: Browser) -> Iterator[Page]:
    """A fresh page the size of a classroom projector, 1280x720."""
    with new_tab(browser, PROJECTOR) as tab:
        yield tab


def open_page(page: Page, url: str, timeout: float = 60_000) -> None:
    """Navigate to url and wait until the app is connected and its first run has finished."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    page.wait_for_selector(CONNECTED, timeout=timeout)
    page.wait_for_function(SCRIPT_DONE_JS, polling=100, timeout=timeout)


def wait_idle(page: Page, timeout: float = 60_000) -> None:
    """After a click or a widget change: let the rerun start, then wait until it has finished.

    A rerun starts a few milliseconds after the interaction. If it was already over before this
    first look, waiting for it to start times out after RERUN_START_MS, which is harmless.
    """
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(SCRIPT_BUSY_JS, polling=50, timeout=RERUN_START_MS)
    page.wait_for_function(SCRIPT_DONE_JS, polling=100, timeout=timeout)
