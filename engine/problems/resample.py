"""The lecture's three resampling remedies for imbalanced data, from imbalanced-learn:

    random undersampling   drop majority points at random until both classes are the same size
    random oversampling    copy minority points at random until both classes are the same size
    SMOTE                  new minority points x_new = x_i + u·(x_nn − x_i), u ~ U(0, 1), on the
                           segment from a minority point x_i to one of its k nearest minority
                           neighbours x_nn ("combinación de muestras")

Resampling touches the training set only: the test set must keep the real class shares, or its
accuracy, recall and precision would describe a problem the model will never meet.
"""

from dataclasses import dataclass

import numpy as np
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.under_sampling import RandomUnderSampler

REMEDIES = ("none", "under", "over", "smote", "weights")
SMOTE_NEIGHBOURS = 5


@dataclass(frozen=True)
class Resampled:
    """The training set a remedy trains on, and what it changed."""

    X: np.ndarray  # (m', 2)
    y: np.ndarray  # (m',)
    synthetic: np.ndarray  # (m',) bool: a point SMOTE made (not in the original set)
    dropped: np.ndarray  # (m_original,) bool: an original point undersampling left out
    copies: np.ndarray  # (m_original,) int: how often each original point is in X


def sampler(remedy: str, seed: int, n_minority: int):
    """The imbalanced-learn sampler of a remedy (None: train on the data as it is)."""
    if remedy == "under":
        return RandomUnderSampler(random_state=seed)
    if remedy == "over":
        return RandomOverSampler(random_state=seed)
    if remedy == "smote":
        k = min(SMOTE_NEIGHBOURS, n_minority - 1)
        if k < 1:
            raise ValueError("SMOTE needs at least 2 minority points in the training set")
        return SMOTE(k_neighbors=k, random_state=seed)
    if remedy in ("none", "weights"):
        return None
    raise ValueError(f"remedy must be one of {', '.join(REMEDIES)}; got {remedy!r}")


def resample(remedy: str, X: np.ndarray, y: np.ndarray, seed: int = 0) -> Resampled:
    """The training set after `remedy` (class weights change the loss, not the data)."""
    m = len(y)
    s = sampler(remedy, seed, int((y == 1).sum()))
    if s is None:
        return Resampled(X, y, np.zeros(m, bool), np.zeros(m, bool), np.ones(m, int))
    X_res, y_res = s.fit_resample(X, y)
    if remedy == "smote":  # imbalanced-learn appends the synthetic points after the originals
        synthetic = np.arange(len(y_res)) >= m
        return Resampled(X_res, y_res, synthetic, np.zeros(m, bool), np.ones(m, int))
    copies = np.bincount(s.sample_indices_, minlength=m)  # (m,)
    return Resampled(X_res, y_res, np.zeros(len(y_res), bool), copies == 0, copies)
