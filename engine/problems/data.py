"""The lab's 2-D data: two Gaussian classes with a chosen minority share, and a few noisy moons.

Both draw their points with the Playground's generators (engine/datasets.py) and split them into
a training and a test set with one seeded permutation. The imbalanced split is stratified: both
sets keep the minority share, so the test set measures the same problem the model trained on.
"""

from dataclasses import dataclass

import numpy as np

from engine.datasets import moons

MIN_SHARE, MAX_SHARE = 0.01, 0.5
MAX_POINTS = 4000
MAJORITY_CENTRE, MAJORITY_SPREAD = (-1.0, -1.0), 1.5  # class 0
MINORITY_CENTRE, MINORITY_SPREAD = (1.5, 1.5), 1.0  # class 1: the two overlap


@dataclass(frozen=True)
class Split:
    """Points (m, 2) and labels (m,) for training and for testing."""

    X_train: np.ndarray  # (m_train, 2)
    y_train: np.ndarray  # (m_train,)
    X_test: np.ndarray  # (m_test, 2)
    y_test: np.ndarray  # (m_test,)


def imbalanced(share: float, n_points: int = 1000, noise: float = 0.0, seed: int = 0) -> Split:
    """Two overlapping Gaussian classes, the minority (class 1) `share` of the points (noise
    widens both); half of each class for training, half for testing."""
    if not MIN_SHARE <= share <= MAX_SHARE:
        raise ValueError(f"the minority share must be between 1 % and 50 %; got {share:.1%}")
    if not 100 <= n_points <= MAX_POINTS:
        raise ValueError(f"n_points must be between 100 and {MAX_POINTS}; got {n_points}")
    rng = np.random.default_rng(seed)
    n_minority = max(4, round(share * n_points))  # SMOTE needs a few neighbours in training
    sizes = np.array([n_points - n_minority, n_minority])
    centres = np.array([MAJORITY_CENTRE, MINORITY_CENTRE])[np.repeat([0, 1], sizes)]  # (m, 2)
    spread = np.repeat([MAJORITY_SPREAD, MINORITY_SPREAD], sizes)[:, None]  # (m, 1)
    X = centres + spread * (1 + noise) * rng.standard_normal((n_points, 2))  # (m, 2)
    y = np.repeat([0, 1], sizes)  # (m,)
    train = np.zeros(len(y), dtype=bool)
    for c in (0, 1):
        members = rng.permutation(np.flatnonzero(y == c))
        train[members[: len(members) // 2]] = True
    return Split(X[train], y[train], X[~train], y[~train])


def noisy_moons(n_train: int, n_test: int = 300, noise: float = 0.35, seed: int = 0) -> Split:
    """Moons with label noise in the positions: few training points, many test points."""
    if not 4 <= n_train <= MAX_POINTS:
        raise ValueError(f"training points must be between 4 and {MAX_POINTS}; got {n_train}")
    rng = np.random.default_rng(seed)
    X_test, y_test = moons(n_test, noise, 2, rng)  # the same test set for every n_train
    X_train, y_train = moons(n_train, noise, 2, rng)
    return Split(X_train, y_train, X_test, y_test)
