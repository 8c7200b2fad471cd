"""Playground in a real browser: frames drawn and epochs trained per second, bytes per frame.

Starts `streamlit run app.py` on a free port (or uses --url), opens the page in headless Chromium,
presses Play and, after a warm-up, counts for --seconds:
- frames actually drawn: the canvas view counts its redraws in `data-frames` (one per animation
  frame in which a new frame was painted);
- epochs trained: the epoch of the frame on screen (`data-epoch`);
- bytes sent to the browser: every websocket frame the page receives (payload after
  decompression, so the bytes on the wire are fewer with websocket compression on).
It does this for the default configuration (TensorFlow Playground's) and for the largest one
allowed (8 hidden layers of 16 neurons on all 7 input features), then prints one JSON line.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402
from ui.playground import config as cf  # noqa: E402

LARGEST = replace(cf.DEFAULT, features=tuple(cf.FEATURES), hidden=(cf.MAX_WIDTH,) * 8)
VIEW = ".nrn"


@contextmanager
def server():
    """A Streamlit server for app.py on a free port; yields its URL."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def measure(browser, url: str, config: cf.PlaygroundConfig, warmup: float, seconds: float):
    """Play `config` in a fresh page; frames/s, epochs/s and bytes per frame over `seconds`."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.set_default_timeout(120_000)  # a first run imports torch; this machine is shared
    received = [0]
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: count(received, p)))
    page.goto(f"{url}/?{urlencode(cf.to_query(config))}")
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]")
    view = page.locator(VIEW).first
    view.wait_for(state="attached")
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_timeout(warmup * 1000)
    frames0, epoch0, bytes0, start = *drawn(view), received[0], time.monotonic()
    page.wait_for_timeout(seconds * 1000)  # Playwright delivers websocket events while it waits
    frames1, epoch1, bytes1, elapsed = *drawn(view), received[0], time.monotonic() - start
    page.close()
    frames = frames1 - frames0
    return {
        "fps": round(frames / elapsed, 1),
        "epochs_per_s": round((epoch1 - epoch0) / elapsed, 1),
        "bytes_per_frame": round((bytes1 - bytes0) / max(frames, 1)),
    }


def count(received: list[int], payload) -> None:
    received[0] += len(payload)


def drawn(view) -> tuple[int, int]:
    frames, epoch = view.evaluate("e => [e.dataset.frames || '0', e.dataset.epoch || '0']")
    return int(frames), int(epoch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    args = parser.parse_args()
    with server() if args.url is None else nullcontext(args.url) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        default = measure(browser, url, cf.DEFAULT, args.warmup, args.seconds)
        largest = measure(browser, url, LARGEST, args.warmup, args.seconds)
        browser.close()
    print(
        json.dumps(
            {
                "default_fps": default["fps"],
                "default_epochs_per_s": default["epochs_per_s"],
                "largest_fps": largest["fps"],
                "largest_epochs_per_s": largest["epochs_per_s"],
                "bytes_per_frame": default["bytes_per_frame"],
                "largest_bytes_per_frame": largest["bytes_per_frame"],
                "seconds": args.seconds,
                "largest": "8 hidden layers x 16 neurons, 7 input features",
                "cpus": os.cpu_count(),
                "load_1min": round(os.getloadavg()[0], 2),
            }
        )
    )


@contextmanager
def nullcontext(value):
    yield value


if __name__ == "__main__":
    main()
