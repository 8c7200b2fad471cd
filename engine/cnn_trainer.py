"""Minibatch training of a CNN, a few batches at a time (lecture: SGD, épocas, CNN).

One epoch shows every training image once, in a new seeded random order, in batches of
`batch_size`: for each batch the model computes J and dJ/dθ and the optimizer updates θ. A page
calls `step(n)` on every animation tick (a fraction of an epoch), then `record()` to log the
curves and a snapshot of the first layer's kernels, so the run can be scrubbed back afterwards.
"""

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
    """A CNN from either engine; both start from the same seeded weights."""
    dtype = np.float32 if dtype is None else dtype
    if backend == "numpy":
        if device != "cpu":
            raise ValueError(f"the NumPy engine runs on the CPU only; got device {device!r}")
        from engine.numpy_backend.cnn import CNN

        return CNN(spec, seed=seed, dtype=dtype)
    if backend == "torch":
        try:
            from engine.torch_backend.cnn import CNN
        except ImportError as exc:
            raise ValueError(
                "the torch engine is not installed (pip install 'neurona[torch]')"
            ) from exc

        return CNN(spec, seed=seed, dtype=dtype, device=device)
    raise ValueError(f"backend must be one of {', '.join(BACKENDS)}; got {backend!r}")


class CNNTrainer:
    """A CNN, its optimizer, the data, the epoch position and the history of the run."""

    def __init__(
        self,
        data: ImageSplit,
        spec: CNNSpec,
        backend: str = "numpy",
        device: str = "cpu",
        optimizer: str = "adam",
        lr: float = 0.01,
        batch_size: int = 32,
        seed: int = 0,
        dtype=np.float32,
    ):
        if not 1 <= batch_size <= len(data.y_train):
            raise ValueError(f"batch size must be between 1 and {len(data.y_train)}")
        self.spec, self.batch_size = spec, batch_size
        self.model = make_cnn(spec, backend, device, seed, dtype)
        self.opt = self.model.make_optimizer(optimizer, lr)
        self.X = self.model.asarray(data.X_train)  # (m, n, n) on the model's device
        self.Y = self.model.asarray(to_targets(data.y_train, spec))  # (m, K) one-hot
        self.X_test, self.y_test = data.X_test, data.y_test
        self.Y_test = to_targets(data.y_test, spec)  # (m_test, K)
        self.m = len(data.y_train)
        self.rng = np.random.default_rng(seed)
        self.order = self.rng.permutation(self.m)
        self.epoch, self.pos = 0, 0  # whole epochs done, images seen in the current one
        self.batch_losses: list[float] = []
        self.history = {"epoch": [], "loss": [], "test_loss": [], "test_acc": [], "seconds": []}
        self.kernels = [self.first_kernels()]  # snapshots of W1, one per record()
        self.seconds = 0.0  # time spent training (not evaluating)
        self.diverged = False  # J stopped being finite: θ went back to the last good record
        self.last_good = self.model.get_theta()

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

    def record(self) -> None:
        """Log the mean training loss since the last record, the test loss and accuracy.

        If J or θ is no longer finite or θ has blown up (α too large, typically), θ goes back to
        the last record and training stops: `diverged` tells the page why.
        """
        train_loss = float(np.mean(self.batch_losses)) if self.batch_losses else np.nan
        self.batch_losses = []
        test_loss = self.model.loss(self.X_test, self.Y_test)
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
        Y_hat = self.model.predict(self.X_test)  # (m_test, K)
        h["test_acc"].append(metrics.accuracy(Y_hat, self.y_test, "softmax"))
        h["seconds"].append(self.seconds)
        self.kernels.append(self.first_kernels())

    def first_kernels(self) -> np.ndarray:
        """The first layer's filters W1 as (n_F, k, k) images."""
        return self.model.get_params()["W1"][:, 0]
