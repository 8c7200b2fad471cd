"""Seconds per epoch of the default CNN in each engine, and its test accuracy on the 8x8 digits.

Prints one JSON line. Each timing is the fastest of a few epochs (the machine is shared, so the
minimum is the least noisy estimate of what the code costs). Both engines run on one CPU thread
(`threads` in the output), as the app's server does, so that they are compared on equal terms and
many sessions can share the cores. Run: python benchmarks/cnn.py (or python -m benchmarks.cnn)
"""

import json
import sys
import time
from pathlib import Path

from threadpoolctl import threadpool_limits

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # so that `engine` is the package, not benchmarks/engine.py

from engine import images  # noqa: E402
from engine.cnn_spec import CNNSpec  # noqa: E402
from engine.cnn_trainer import BatchTrainer, make_cnn  # noqa: E402

DEFAULTS = {"filters": (8, 16), "k": 3, "pool": "max"}  # the page's default CNN
TRAIN = {"optimizer": "adam", "lr": 0.01, "batch_size": 32}
EPOCHS_TIMED = 3
EPOCHS_ACCURACY = 15
THREADS = 1


def epoch_seconds(data: images.ImageSplit, in_size: int, backend: str, device: str) -> float:
    model = make_cnn(CNNSpec(in_size=in_size, **DEFAULTS), backend, device)
    trainer = BatchTrainer(model, data, **TRAIN)
    trainer.step(2)  # warm-up: first calls allocate and (for torch) pick kernels
    times = []
    for _ in range(EPOCHS_TIMED):
        start = time.perf_counter()
        trainer.run_epoch()
        if device == "cuda":
            import torch

            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return min(times)


def digits_accuracy(data: images.ImageSplit) -> tuple[float, float]:
    """Test accuracy after EPOCHS_ACCURACY epochs with the NumPy engine, and the seconds it took."""
    trainer = BatchTrainer(make_cnn(CNNSpec(in_size=8, **DEFAULTS)), data, **TRAIN)
    for _ in range(EPOCHS_ACCURACY):
        trainer.run_epoch()
    trainer.record()
    return trainer.history["test_acc"][-1], trainer.seconds


def main() -> None:
    threadpool_limits(THREADS)  # NumPy's BLAS
    digits, mnist = images.load_digits(), images.load_mnist()
    engines = [("numpy", "cpu"), ("torch", "cpu")]
    try:
        import torch

        torch.set_num_threads(THREADS)
        if torch.cuda.is_available():
            engines.append(("torch", "cuda"))
    except ImportError:
        engines.remove(("torch", "cpu"))
    result = {}
    for backend, device in engines:
        suffix = backend if backend == "numpy" else f"torch_{device}"
        result[f"digits_epoch_s_{suffix}"] = round(epoch_seconds(digits, 8, backend, device), 4)
        result[f"mnist_epoch_s_{suffix}"] = round(epoch_seconds(mnist, 28, backend, device), 4)
    acc, seconds = digits_accuracy(digits)
    result["digits_test_accuracy"] = round(acc, 4)
    result["digits_train_s_numpy"] = round(seconds, 2)
    result["digits_epochs"] = EPOCHS_ACCURACY
    result["threads"] = THREADS
    if "digits_epoch_s_torch_cpu" in result:
        for name in ("digits", "mnist"):
            ratio = result[f"{name}_epoch_s_numpy"] / result[f"{name}_epoch_s_torch_cpu"]
            result[f"{name}_numpy_over_torch_cpu"] = round(ratio, 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
