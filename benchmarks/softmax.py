"""Softmax lab: server time and bytes per live frame of each training section.

Prints one JSON line. Each section is opened in Streamlit's AppTest, Play is pressed, and then
FRAMES runs are timed: an AppTest run re-executes the whole page (header, controls and the live
panel), so its time is an upper bound on a real tick, which reruns only the panel's fragment.
Bytes are what the frame's Vega-Lite charts carry: their specs plus their Arrow datasets.
Figures are medians over the timed frames of this one run.
"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from ui import text  # noqa: E402

PAGE = str(ROOT / "pages" / "3_Softmax.py")
SECTIONS = {"logistic": (0, "softmax_lr_play"), "multiclass": (2, "softmax_mc_play"),
            "one_vs_all": (3, "softmax_ova_play")}  # fmt: skip
FRAMES = 15
TICK_S = 0.3  # ui/softmax/live.py


def frame_bytes(at: AppTest) -> int:
    total = 0
    for chart in at.get("vega_lite_chart"):
        total += len(chart.proto.spec) + sum(len(d.data.data) for d in chart.proto.datasets)
    return total


def measure(tab: int, play_key: str) -> tuple[float, int]:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["tab"] = text.load("softmax")["tabs"][tab]
    at.run()
    at.button(key=play_key).click().run()
    times = []
    for _ in range(FRAMES):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    assert not at.exception, at.exception
    return statistics.median(times) * 1000, frame_bytes(at)


def main() -> None:
    result = {"benchmark": "softmax", "frames": FRAMES, "tick_s": TICK_S}
    for name, (tab, key) in SECTIONS.items():
        ms, size = measure(tab, key)
        result[f"{name}_frame_ms"] = round(ms, 1)
        result[f"{name}_frame_kb"] = round(size / 1024, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
