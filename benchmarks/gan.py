"""Speed and quality of the GAN lab's hot paths; prints ONE JSON line.

    epochs_per_s_numpy:      default run (k_D = k_G = 1, batch 150), NumPy engine, 1 BLAS thread
    epochs_per_s_torch_cpu:  the same run on the torch engine (float64, 1 thread)
    frame_ms:                one full picture: D's heatmap, the manifold, the arrows, the samples,
                             the metrics and the loss curves, built and encoded as JSON
    js_after_3000:           JS divergence of the default two-gaussians run after 3000 epochs
    epochs_to_js_005:        the first multiple of 250 epochs where JS < 0.05 (null: not by 6000)

Run: python benchmarks/gan.py
"""

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere, no install

from threadpoolctl import threadpool_limits

from engine.gan.trainer import Gan, GanSpec
from ui import text
from ui.gan import config as cf
from ui.gan import figures, live


def epochs_per_s(spec: GanSpec, n: int) -> float:
    gan = Gan(spec)
    gan.train(10)  # warm up
    start = time.perf_counter()
    gan.train(n)
    return n / (time.perf_counter() - start)


def frame_ms(gan: Gan) -> float:
    L = text.load("gan", "en")["fig"]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        figures.plane(live.view(gan, cf.LAYERS), cf.LAYERS, L).to_json()
        figures.losses(gan.history, L).to_json()
        gan.scores()
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def main() -> None:
    spec = GanSpec()
    out = {"epochs_per_s_numpy": round(epochs_per_s(spec, 2000))}
    try:
        import torch

        torch.set_num_threads(1)
        out["epochs_per_s_torch_cpu"] = round(epochs_per_s(replace(spec, backend="torch"), 300))
    except ImportError:
        out["epochs_per_s_torch_cpu"] = None
    gan, reached = Gan(spec), None
    for _ in range(24):
        gan.train(250)
        js = gan.scores()["js"]
        if gan.epoch == 3000:
            out["js_after_3000"] = round(js, 4)
        if reached is None and js < 0.05:
            reached = gan.epoch
    out["epochs_to_js_005"] = reached
    out["frame_ms"] = round(frame_ms(gan), 1)
    print(json.dumps(out))


if __name__ == "__main__":
    with threadpool_limits(limits=1):
        main()
