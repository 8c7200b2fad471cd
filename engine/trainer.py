"""Minibatch training with a history, snapshots for replay, and a clean stop on divergence.

Each epoch shuffles the training set (seeded), then for every minibatch of size B:
    dθ = ∂J/∂θ on the batch  →  (optional) clip ‖dθ‖  →  θ := optimizer(θ, dθ)
After each epoch it records the train and test loss J and the score (accuracy or R²), and keeps
a copy of θ every `snapshot_every` epochs, so the UI can scrub back through the run. If J or θ stops
being finite (too large a learning rate α, typically), training stops and θ goes back to the last
epoch that was still finite. It also stops when J jumps above its starting value and then freezes
there: the steps threw every unit into saturation (σ, tanh) or below zero (ReLU), the gradients
vanished and the network can no longer learn. The trainer works with either engine: it only
calls the model's backprop / loss / predict and the optimizer's step.
"""

from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np

from engine import metrics
from engine.spec import to_targets

MAX_ABS_WEIGHT = 1e8  # beyond this the network has blown up even if nothing is inf yet
MAX_BATCH = 10_000
STALL_EPOCHS = 5  # J frozen this many epochs above its starting value: training has stalled
STALL_TOL = 1e-4  # "frozen": J moved by less than this fraction over those epochs


@dataclass
class History:
    """One entry per recorded epoch."""

    epoch: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    train_score: list[float] = field(default_factory=list)
    test_score: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class Divergence:
    """Why and when training stopped: 'loss' (J not finite), 'weights' (θ blew up) or 'stalled'."""

    epoch: int
    reason: str


class Trainer:
    """Trains `model` on (X_train, y_train), evaluating on (X_test, y_test) after every epoch."""

    def __init__(
        self,
        model,
        X_train: np.ndarray,
        y_train: np.ndarray,
        X_test: np.ndarray,
        y_test: np.ndarray,
        optimizer: str = "sgd",
        lr: float = 0.03,
        batch_size: int = 10,
        clip: float | None = None,
        seed: int = 0,
        snapshot_every: int = 1,
        max_snapshots: int = 400,
    ):
        if not 1 <= batch_size <= MAX_BATCH:
            raise ValueError(f"batch_size must be between 1 and {MAX_BATCH}; got {batch_size}")
        if clip is not None and not clip > 0:
            raise ValueError(f"clip (max gradient norm) must be positive; got {clip}")
        for name, X in (("X_train", X_train), ("X_test", X_test)):
            if not np.all(np.isfinite(X)):
                raise ValueError(f"{name} contains NaN or infinite values")
        self.model, self.spec = model, model.spec
        self.y_train, self.y_test = np.asarray(y_train), np.asarray(y_test)
        self.X_train, self.X_test = model.asarray(X_train), model.asarray(X_test)
        self.Y_train = model.asarray(to_targets(self.y_train, self.spec))
        self.Y_test = model.asarray(to_targets(self.y_test, self.spec))
        self.optimizer = model.make_optimizer(optimizer, lr)
        self.batch_size, self.clip = batch_size, clip
        self.rng = np.random.default_rng(seed)
        self.snapshot_every, self.max_snapshots = snapshot_every, max_snapshots
        self.epoch, self.updates = 0, 0
        self.history = History()
        self.snapshots: list[tuple[int, np.ndarray]] = []
        self.divergence: Divergence | None = None
        self.last_good = model.get_theta()
        self.record()

    def step(self, n: int = 1) -> None:
        """Train n more epochs (fewer if training diverges)."""
        for _ in range(n):
            if self.divergence is not None:
                return
            self.run_epoch()
            self.epoch += 1
            self.record()

    def run_epoch(self) -> None:
        """One pass over the shuffled training set in minibatches."""
        m, B = len(self.y_train), self.batch_size
        order = self.rng.permutation(m)
        X, Y = self.X_train[order], self.Y_train[order]
        model, optimizer, clip = self.model, self.optimizer, self.clip
        for start in range(0, m, B):
            model.backprop(X[start : start + B], Y[start : start + B])
            if clip is not None:
                model.clip(clip)
            optimizer.step(model.theta, model.dtheta)
        self.updates += (m + B - 1) // B

    def record(self) -> None:
        """Evaluate, check for divergence, and append to the history and the snapshots."""
        theta = self.model.get_theta()
        train_loss = self.model.loss(self.X_train, self.Y_train)
        test_loss = self.model.loss(self.X_test, self.Y_test) if len(self.y_test) else np.nan
        if not np.isfinite(train_loss):
            return self.stop("loss")
        if not np.all(np.isfinite(theta)) or np.abs(theta).max() > MAX_ABS_WEIGHT:
            return self.stop("weights")
        self.last_good = theta
        h = self.history
        h.epoch.append(self.epoch)
        h.train_loss.append(train_loss)
        h.test_loss.append(test_loss)
        h.train_score.append(self.score(self.X_train, self.y_train))
        h.test_score.append(self.score(self.X_test, self.y_test))
        if self.epoch % self.snapshot_every == 0:
            self.snapshots.append((self.epoch, theta))
            if len(self.snapshots) > self.max_snapshots:
                self.snapshots = self.snapshots[::2]
                self.snapshot_every *= 2
        if self.has_stalled():
            self.divergence = Divergence(self.epoch, "stalled")  # θ is finite: it stays as it is

    def has_stalled(self) -> bool:
        """J is above its starting value and moved by less than STALL_TOL over STALL_EPOCHS."""
        losses = self.history.train_loss
        if len(losses) <= STALL_EPOCHS:
            return False
        recent = losses[-STALL_EPOCHS - 1 :]
        return min(recent) > losses[0] and max(recent) - min(recent) <= STALL_TOL * max(recent)

    def stop(self, reason: str) -> None:
        """Training diverged: restore the last finite weights and remember why."""
        self.divergence = Divergence(self.epoch, reason)
        self.model.set_theta(self.last_good)
        self.epoch = self.history.epoch[-1] if self.history.epoch else 0

    def score(self, X, y: np.ndarray) -> float:
        if len(y) == 0:
            return float("nan")
        return metrics.score(self.model.predict(X), y, self.spec.output)

    def best_epoch(self, until: int | None = None) -> int | None:
        """The epoch with the lowest test loss (the early-stopping point), up to epoch `until`."""
        h = self.history
        n = len(h.epoch) if until is None else bisect_right(h.epoch, until)
        losses = np.asarray(h.test_loss[:n], dtype=float)
        if losses.size == 0 or np.all(np.isnan(losses)):
            return None
        return self.history.epoch[int(np.nanargmin(losses))]

    def params_at(self, epoch: int) -> dict[str, np.ndarray]:
        """The parameters of the latest snapshot at or before `epoch`, by name (for replay)."""
        from engine.params import views

        chosen = self.snapshots[0][1]
        for e, theta in self.snapshots:
            if e > epoch:
                break
            chosen = theta
        return {name: p.copy() for name, p in views(chosen, self.model.shapes).items()}
