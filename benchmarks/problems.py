"""Problems lab: how fast the five imbalance runs train together, and what one live picture costs.

Prints one JSON line (medians of REPEATS runs on this machine):
    epochs_per_s       epochs per second of the five imbalance runs (none, undersampling,
                       oversampling, SMOTE, class weights) trained together: one "epoch" is one
                       epoch of every run, at the default 10 % minority share
    frame_ms           the server's time for one picture of those runs: the five p(minority) grids,
                       the test metrics and the three Plotly figures (built on the first frame,
                       then updated), through ui.common.chart and serialized to JSON as
                       st.plotly_chart sends them
    pictures_per_s     1000 / (frame_ms + the training of one frame at the default speed)
    page_frame_ms      one AppTest run of the whole page while playing (an upper bound on a
                       fragment tick: it re-executes the page, not just the fragment)
    overfit_epochs_per_s   the same for the four overfitting runs (30 points, 2 x 32 units)
"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from engine.problems import imbalance, overfit  # noqa: E402
from ui import common, text  # noqa: E402
from ui.problems import config as cf  # noqa: E402
from ui.problems import imbalance as section  # noqa: E402

PAGE = str(ROOT / "pages" / "8_Problems.py")
REPEATS = 7
EPOCHS = 10


def median_time(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def frame(live: section.LiveImbalance, T: dict) -> None:
    split = live.split
    reports = [imbalance.report(r.trainer.model, split.X_test, split.y_test) for r in live.runs]
    names = [T["imbalance"]["remedies"][r.remedy] for r in live.runs]
    baseline = imbalance.majority_accuracy(split.y_test)
    for k, fig in enumerate(section.pictures(live, reports, names, baseline, T["fig"])):
        common.chart(fig, key=f"fig{k}", where=Sink)  # locale, fonts, then the JSON sent


class Sink:
    """Stands in for st: st.plotly_chart serializes the figure to JSON and sends it."""

    @staticmethod
    def plotly_chart(fig, **kwargs) -> None:
        fig.to_json()


def page_frame() -> float:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    at.button(key="pb_imb_play").click().run()
    return median_time(at.run)


def main() -> None:
    T = text.load("problems", "en")
    live = section.build(cf.DEFAULT.imbalance())
    train_s = median_time(lambda: imbalance.train_all(live.runs, EPOCHS)) / EPOCHS
    frame_s = median_time(lambda: frame(live, T))
    _, fit_runs = overfit.build(cf.DEFAULT.overfit())
    fit_s = median_time(lambda: overfit.train_all(fit_runs, EPOCHS)) / EPOCHS
    tick_s = frame_s + cf.DEFAULT.imb_speed * train_s
    print(json.dumps({
        "epochs_per_s": round(1 / train_s, 1),
        "frame_ms": round(1000 * frame_s, 1),
        "pictures_per_s": round(1 / tick_s, 1),
        "page_frame_ms": round(1000 * page_frame(), 1),
        "overfit_epochs_per_s": round(1 / fit_s, 1),
        "default_epochs_per_frame": cf.DEFAULT.imb_speed,
    }))  # fmt: skip


if __name__ == "__main__":
    with threadpool_limits(1):  # as the server runs (ui.common.one_blas_thread)
        main()
