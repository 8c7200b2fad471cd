"""Minibatch training on images, a few batches at a time (lecture: SGD, épocas, CNN, MNIST).

One epoch shows every training image once, in a new seeded random order, in batches of
`batch_size`: for each batch the model computes J and dJ/dθ and the optimizer updates θ. A page
calls `step(n)` on every animation tick (a fraction of an epoch, so the page stays responsive),
then `record()` to log the curves and, for a CNN, a snapshot of the first layer's kernels, so the
run can be scrubbed back afterwards. Any model with the engine's protocol trains here (the CNN of
either engine, and the MLP of the MNIST workshop); engine/trainer.py trains whole epochs only.
"""

import importlib
import math
import time

import numpy as np

from engine import metrics
from engine.cnn_spec import CNNSpec
from engine.images import ImageSplit
from engine.spec import to_targets
from engine.trainer import MAX_ABS_WEIGHT

BACKENDS = ("numpy", "torch")


def make_cnn(spec: CNNSpec, backend: str = "numpy", device: str = "cpu", seed: int = 0, dtype=None):
    """A CNN from either engine (float32 unless asked); both start from the same seeded weights."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
    if backend == "numpy" and device != "cpu":
        raise ValueError(f"the NumPy engine runs on the CPU only; got device {device!r}")
    try:
        module = importlib.import_module(f"engine.{backend}_backend.cnn")
    except ImportError as exc:  # torch is an optional extra
        raise ValueError(
            "the torch engine is not installed (pip install 'neurona[torch]')"
        ) from exc
    on_device = {} if backend == "numpy" else {"device": device}
    return module.CNN(spec, seed=seed, dtype=np.float32 if dtype is None else dtype, **on_device)


class BatchTrainer:
    """A model, its optimizer, the data, the position in the epoch and the history of the run."""

    def __init__(
        self,
        model,
        data: ImageSplit,
        optimizer: str = "adam",
        lr: float = 0.01,
        batch_size: int = 32,
        seed: int = 0,
    ):
        if not 1 <= batch_size <= len(data.y_train):
            raise ValueError(f"batch size must be between 1 and {len(data.y_train)}")
        self.model, self.spec, self.batch_size = model, model.spec, batch_size
        self.opt = model.make_optimizer(optimizer, lr)
        self.m = len(data.y_train)
        self.X = model.asarray(data.X_train.reshape(self.m, -1))  # (m, n·n) on the model's device
        self.Y = model.asarray(to_targets(data.y_train, self.spec))  # (m, K) one-hot
        self.X_test = data.X_test.reshape(len(data.y_test), -1)  # (m_test, n·n)
        self.y_test = data.y_test
        self.rng = np.random.default_rng(seed)
        self.order = self.rng.permutation(self.m)
        self.epoch, self.pos = 0, 0  # whole epochs done, images seen in the current one
        self.batch_losses: list[float] = []
        self.history = {"epoch": [], "loss": [], "test_loss": [], "test_acc": [], "seconds": []}
        self.kernels = [self.first_kernels()]  # snapshots of W1, one per record()
        self.seconds = 0.0  # time spent training (not evaluating)
        self.diverged = False  # J stopped being finite: θ went back to the last good record
        self.last_good = model.get_theta()

    @property
    def batches_per_epoch(self) -> int:
        return math.ceil(self.m / self.batch_size)

    @property
    def epochs_done(self) -> float:
        """Epochs as a real number: 2.25 is a quarter into the third epoch."""
        return self.epoch + self.pos / self.m

    def step(self, n_batches: int = 1) -> None:
        """Train on the next n minibatches, starting a newly shuffled epoch when one ends."""
        start = time.perf_counter()
        for _ in range(0 if self.diverged else n_batches):
            idx = self.order[self.pos : self.pos + self.batch_size]
            self.batch_losses.append(self.model.loss_and_grads(self.X[idx], self.Y[idx]))
            self.opt.step(self.model.theta, self.model.dtheta)
            self.pos += len(idx)
            if self.pos >= self.m:
                self.epoch, self.pos = self.epoch + 1, 0
                self.order = self.rng.permutation(self.m)
        self.seconds += time.perf_counter() - start

    def run_epoch(self) -> None:
        """Train to the end of the current epoch."""
        self.step(math.ceil((self.m - self.pos) / self.batch_size))

    def train_slice(self, slices_per_epoch: int) -> None:
        """Train 1/slices_per_epoch of an epoch, stopping at the epoch's end (records line up)."""
        per_slice = math.ceil(self.batches_per_epoch / slices_per_epoch)
        self.step(min(per_slice, math.ceil((self.m - self.pos) / self.batch_size)))

    def record(self) -> None:
        """Log the mean training J since the last record, and the test cross-entropy and accuracy.

        If the test loss or θ is no longer finite, or θ has blown up (α too large, typically), θ
        goes back to the last record and training stops: `diverged` tells the page why.
        """
        train_loss = float(np.mean(self.batch_losses)) if self.batch_losses else np.nan
        self.batch_losses = []
        Y_hat = self.model.predict(self.X_test)  # (m_test, K), one forward pass for both numbers
        p_true = Y_hat[np.arange(len(self.y_test)), self.y_test]  # ŷ of the right class
        test_loss = float(-np.mean(np.log(np.maximum(p_true, 1e-12))))
        theta = self.model.get_theta()
        finite = np.isfinite(test_loss) and np.isfinite(theta).all()
        if not finite or np.abs(theta).max() > MAX_ABS_WEIGHT:
            self.diverged = True
            self.model.set_theta(self.last_good)
            return
        self.last_good = theta
        h = self.history
        h["epoch"].append(self.epochs_done)
        h["loss"].append(train_loss)
        h["test_loss"].append(test_loss)
        h["test_acc"].append(metrics.accuracy(Y_hat, self.y_test, "softmax"))
        h["seconds"].append(self.seconds)
        self.kernels.append(self.first_kernels())

    def first_kernels(self) -> np.ndarray | None:
        """A CNN's first-layer filters W1 as (n_F, k, k) images (None for an MLP)."""
        W1 = self.model.get_params()["W1"]
        return W1[:, 0] if W1.ndim == 4 else None
