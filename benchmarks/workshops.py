"""Workshops lab: the engine's solve times, and the server time of one live frame of each tab.

Prints one JSON line (seconds, medians of REPEATS runs on this machine):
    path_s        a 50-λ Lasso path on the 200 standardized houses (6 features)
    poly_path_s   the same on the degree-9 polynomial features (strongly correlated)
    cv_s          5-fold cross-validation of the house path
    logit_fit_s   Newton's method on the 10,000 credit clients (3 features), with SE, z, p
    descent_step_us   one proximal gradient-descent step on the houses (NumPy), in microseconds
    frame_s_<tab>     one AppTest run of the page while that tab's descent plays (the credit tab
                  has no live run: one run after a threshold change); an AppTest run re-executes
                  the whole page, an upper bound on a fragment tick
"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from engine.workshops import data, descent, linear, logit, paths  # noqa: E402

PAGE = str(ROOT / "pages" / "7_Workshops.py")
REPEATS = 7
FRAMES = 8


def median_time(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def standardized(table: data.Table):
    return linear.fit_scaler(table.X).transform(table.X), table.y


def frame_time(tab: str, play_key: str | None) -> float:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params.update({"tab": tab, "speed": "20"})
    at.run()
    if play_key:
        at.button(key=play_key).click().run()
    times = []
    for k in range(FRAMES):
        if not play_key:
            at.slider(key="ws_threshold").set_value(0.2 + 0.05 * k)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    Z, y = standardized(data.houses())
    P, yp = standardized(data.polynomial(degree=9)[0])
    credit = data.credit()
    run = descent.Descent(Z, y, 0.5, lam=1.0, l1_ratio=1.0)
    result = {
        "path_s": median_time(lambda: paths.path(Z, y, paths.lambda_grid(Z, y, 1.0), 1.0)),
        "poly_path_s": median_time(lambda: paths.path(P, yp, paths.lambda_grid(P, yp, 1.0), 1.0)),
        "cv_s": median_time(lambda: paths.cross_validate(Z, y, paths.lambda_grid(Z, y, 1.0), 1.0)),
        "logit_fit_s": median_time(lambda: logit.fit(credit.X, credit.y)),
        "descent_step_us": median_time(lambda: run.step(1000)) * 1e3,
        "frame_s_house": frame_time("house", "ws_house_play"),
        "frame_s_paths": frame_time("paths", "ws_fit_play"),
        "frame_s_credit": frame_time("credit", None),
    }
    print(json.dumps({k: round(v, 4) for k, v in result.items()}))


if __name__ == "__main__":
    main()
