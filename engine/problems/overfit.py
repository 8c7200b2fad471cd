"""Overfitting and its remedies (seed 003, sobreajuste; seed 002, parada anticipada): a big
network on a few noisy points learns them by heart, its test loss turns up while its training
loss keeps falling. Side by side, from the same seed and weights:

    none           the plain run (its lowest-test-loss epoch is the early-stopping point)
    l2             J + (λ / 2m) Σ‖W‖²: large weights cost, the boundary stays smooth
    augment        each training point plus jittered copies x + ε, ε ~ N(0, σ²I), same label
    more           ten times the training points from the same distribution
Early stopping keeps θ of the epoch with the lowest test loss (the lecture uses a validation set;
here the test set plays that part) and can restore it.
"""

from dataclasses import dataclass, field, replace

import numpy as np

from engine import metrics
from engine.numpy_backend.mlp import MLP
from engine.problems import data
from engine.spec import MLPSpec
from engine.trainer import Trainer

REMEDIES = ("none", "l2", "augment", "more")
MORE_FACTOR = 10
WIDTHS = (1, 2, 4, 8, 16, 32, 64)
LAMS = (0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)


@dataclass(frozen=True)
class OverfitSetup:
    n_train: int = 30
    noise: float = 0.35
    width: int = 32
    lam: float = 1.0
    copies: int = 10
    sigma: float = 0.3
    lr: float = 0.01
    seed: int = 0

    def spec(self, reg: str = "none", lam: float = 0.0) -> MLPSpec:
        return MLPSpec(n_in=2, hidden=(self.width, self.width), activation="tanh", reg=reg, lam=lam)


@dataclass
class EarlyStopping:
    """The epoch with the lowest test loss so far and θ at that epoch."""

    epoch: int = 0
    loss: float = np.inf
    theta: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def update(self, trainer: Trainer) -> None:
        loss = trainer.history.test_loss[-1]
        if loss < self.loss:
            self.epoch, self.loss, self.theta = trainer.epoch, loss, trainer.model.get_theta()


@dataclass
class OverfitRun:
    remedy: str
    trainer: Trainer
    best: EarlyStopping


def augment(X: np.ndarray, y: np.ndarray, copies: int, sigma: float, seed: int):
    """The points and `copies` jittered copies of each, x + ε with ε ~ N(0, σ²I)."""
    rng = np.random.default_rng(seed)
    jitter = sigma * rng.standard_normal((copies, *X.shape))  # (copies, m, 2)
    X_aug = np.concatenate([X, (X[None] + jitter).reshape(-1, 2)])  # (m·(copies + 1), 2)
    return X_aug, np.tile(y, copies + 1)


def training_set(setup: OverfitSetup, remedy: str, split: data.Split):
    if remedy == "augment":
        return augment(split.X_train, split.y_train, setup.copies, setup.sigma, setup.seed)
    if remedy == "more":
        more = data.noisy_moons(MORE_FACTOR * setup.n_train, noise=setup.noise, seed=setup.seed)
        return more.X_train, more.y_train
    return split.X_train, split.y_train


def make_run(setup: OverfitSetup, remedy: str, split: data.Split) -> OverfitRun:
    reg, lam = ("l2", setup.lam) if remedy == "l2" else ("none", 0.0)
    model = MLP(setup.spec(reg, lam), seed=setup.seed)
    X, y = training_set(setup, remedy, split)
    # Full batches: on 30 points the run is gradient descent, the same steps for every remedy.
    trainer = Trainer(
        model,
        X,
        y,
        split.X_test,
        split.y_test,
        optimizer="adam",
        lr=setup.lr,
        batch_size=min(len(y), 1000),
        seed=setup.seed,
        snapshot_every=10**9,
    )
    best = EarlyStopping()
    best.update(trainer)
    return OverfitRun(remedy, trainer, best)


def build(setup: OverfitSetup) -> tuple[data.Split, list[OverfitRun]]:
    split = data.noisy_moons(setup.n_train, noise=setup.noise, seed=setup.seed)
    return split, [make_run(setup, remedy, split) for remedy in REMEDIES]


def train_all(runs: list[OverfitRun], epochs: int) -> None:
    """`epochs` more epochs for every run, one at a time so that no best epoch is missed."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for run in runs:
            for _ in range(epochs):
                run.trainer.step(1)
                run.best.update(run.trainer)


def restore_best(run: OverfitRun) -> None:
    """Early stopping: θ of the lowest-test-loss epoch, and the history cut back to it."""
    trainer, best = run.trainer, run.best
    trainer.model.set_theta(best.theta)
    h = trainer.history
    keep = h.epoch.index(best.epoch) + 1
    for name in ("epoch", "train_loss", "test_loss", "train_score", "test_score"):
        del getattr(h, name)[keep:]
    trainer.epoch = best.epoch


def gap(trainer: Trainer) -> float:
    """Test loss minus training loss at the last epoch (without the λ term: the data's fit)."""
    model = trainer.model
    return data_loss(model, trainer.X_test, trainer.y_test) - data_loss(
        model, trainer.X_train, trainer.y_train
    )


def data_loss(model, X: np.ndarray, y: np.ndarray) -> float:
    """The cross-entropy of the predictions, without any λ term."""
    P = np.clip(model.predict(X)[:, 0], 1e-12, 1 - 1e-12)
    return float(-(y * np.log(P) + (1 - y) * np.log(1 - P)).mean())


def sweep(setup: OverfitSetup, kind: str, epochs: int) -> tuple[tuple, np.ndarray, np.ndarray]:
    """Bias and variance: final train and test error (1 − accuracy) of the plain run against the
    width of its two hidden layers (kind "width") or against λ (kind "lam")."""
    split = data.noisy_moons(setup.n_train, noise=setup.noise, seed=setup.seed)
    values = WIDTHS if kind == "width" else LAMS
    train_err, test_err = [], []
    for value in values:
        one = replace(setup, width=value) if kind == "width" else replace(setup, lam=value)
        run = make_run(one, "l2" if kind == "lam" else "none", split)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            run.trainer.step(epochs)
        model = run.trainer.model
        for errors, X, y in (
            (train_err, split.X_train, split.y_train),
            (test_err, split.X_test, split.y_test),
        ):
            errors.append(1 - metrics.accuracy(model.predict(X), y, "sigmoid"))
    return values, np.array(train_err), np.array(test_err)
