"""Five networks on the same imbalanced data and seed, one per remedy (seed 003, desequilibrio de
datos), trained side by side, and the metrics that show what accuracy hides.

    precision_k = TP / (TP + FP)      recall_k = TP / (TP + FN)      F1 = 2PR / (P + R)
A model that always answers "majority" scores accuracy 1 − share and recall 0 on the minority:
the accuracy paradox. Every run starts from the same weights (the same seed); only the training
set (resampled) or the loss (class weights) differs.
"""

from dataclasses import dataclass

import numpy as np

from engine import metrics
from engine.numpy_backend.mlp import MLP
from engine.problems import data
from engine.problems.resample import REMEDIES, Resampled, resample
from engine.problems.weighted import WeightedMLP, balanced_weights
from engine.spec import MLPSpec
from engine.trainer import Trainer


@dataclass(frozen=True)
class ImbalanceSetup:
    """What the five runs share."""

    share: float = 0.05
    n_points: int = 1000
    noise: float = 0.0
    hidden: tuple[int, ...] = (8,)
    lr: float = 0.1
    batch_size: int = 32
    seed: int = 0

    def spec(self) -> MLPSpec:
        return MLPSpec(n_in=2, hidden=self.hidden, activation="tanh")


@dataclass
class RemedyRun:
    remedy: str
    train_set: Resampled
    trainer: Trainer


@dataclass(frozen=True)
class Report:
    """Test-set metrics of one run (class 1 is the minority)."""

    C: np.ndarray  # (2, 2) confusion matrix: rows true class, columns predicted class
    accuracy: float
    precision: np.ndarray  # (2,)
    recall: np.ndarray  # (2,)
    f1: float  # of the minority class


def build(setup: ImbalanceSetup) -> tuple[data.Split, list[RemedyRun]]:
    """The data and one run per remedy, all starting from the same seeded weights."""
    split = data.imbalanced(setup.share, setup.n_points, setup.noise, setup.seed)
    runs = []
    for remedy in REMEDIES:
        train_set = resample(remedy, split.X_train, split.y_train, setup.seed)
        if remedy == "weights":
            model = WeightedMLP(setup.spec(), balanced_weights(split.y_train), seed=setup.seed)
        else:
            model = MLP(setup.spec(), seed=setup.seed)
        trainer = Trainer(
            model,
            train_set.X,
            train_set.y,
            split.X_test,
            split.y_test,
            lr=setup.lr,
            batch_size=setup.batch_size,
            seed=setup.seed,
            snapshot_every=10**9,
        )
        runs.append(RemedyRun(remedy, train_set, trainer))
    return split, runs


def train_all(runs: list[RemedyRun], epochs: int) -> None:
    """`epochs` more epochs for every run."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for run in runs:
            run.trainer.step(epochs)


def report(model, X: np.ndarray, y: np.ndarray) -> Report:
    """Confusion matrix, accuracy, per-class precision and recall, and the minority's F1."""
    y_pred = metrics.predicted_classes(model.predict(X), "sigmoid")
    C = metrics.confusion_matrix(y_pred, y, 2)
    precision, recall = metrics.precision_recall(C)
    return Report(C, float(np.trace(C) / C.sum()), precision, recall, f1(precision[1], recall[1]))


def f1(precision: float, recall: float) -> float:
    """2PR / (P + R); 0 when the class is never found (or never predicted)."""
    if not np.isfinite(precision) or not np.isfinite(recall) or precision + recall == 0:
        return 0.0
    return float(2 * precision * recall / (precision + recall))


def majority_accuracy(y: np.ndarray) -> float:
    """The accuracy of a model that always answers the majority class: the paradox's bar."""
    return float(max((y == 0).mean(), (y == 1).mean()))
