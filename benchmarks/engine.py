"""Engine speed: minibatch updates per second and the 100x100 grid, for the Playground's default.

Prints one JSON line. The network is TensorFlow Playground's default (circle, 2 inputs, hidden
[4, 2], tanh, α = 0.03, batch 10); updates are timed through Trainer.step, so shuffling and the
per-epoch evaluation are included. Figures are medians over repeats measured in this one run.
"""

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from engine.backends import make_mlp
from engine.datasets import DataSpec, grid, make_dataset
from engine.spec import MLPSpec
from engine.trainer import Trainer

SPEC = MLPSpec(hidden=(4, 2), activation="tanh", output="tanh", loss="half_mse")
DATA = make_dataset(DataSpec())


def updates_per_s(backend: str, epochs: int, repeats: int = 5) -> float:
    rates = []
    for r in range(repeats):
        model = make_mlp(SPEC, backend=backend, seed=r)
        trainer = Trainer(
            model, DATA.X_train, DATA.y_train, DATA.X_test, DATA.y_test, lr=0.03, batch_size=10
        )
        start = time.perf_counter()
        trainer.step(epochs)
        rates.append(trainer.updates / (time.perf_counter() - start))
    return statistics.median(rates)


def grid_ms(backend: str, repeats: int = 50) -> float:
    model = make_mlp(SPEC, backend=backend, seed=0)
    _, points = grid(100)
    X = model.asarray(points)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        model.predict(X)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    figures = {
        "numpy_updates_per_s": round(updates_per_s("numpy", epochs=40)),
        "numpy_grid_ms": round(grid_ms("numpy"), 3),
    }
    try:
        import torch

        torch.set_num_threads(1)
        figures["torch_updates_per_s"] = round(updates_per_s("torch", epochs=4))
        figures["torch_grid_ms"] = round(grid_ms("torch"), 3)
        figures["numpy_over_torch"] = round(
            figures["numpy_updates_per_s"] / figures["torch_updates_per_s"], 1
        )
        if torch.cuda.is_available():
            figures["cuda_grid_ms"] = round(grid_ms_cuda(), 3)
    except ImportError:
        figures["torch_updates_per_s"] = None
    figures["network"] = "circle 2-4-2-1 tanh, batch 10"
    figures["numpy_version"] = np.__version__
    print(json.dumps(figures))


def grid_ms_cuda(repeats: int = 50) -> float:
    import torch

    model = make_mlp(SPEC, backend="torch", device="cuda", seed=0)
    X = model.asarray(grid(100)[1])
    times = []
    for _ in range(repeats):
        torch.cuda.synchronize()
        start = time.perf_counter()
        model.predict(X)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


if __name__ == "__main__":
    main()
