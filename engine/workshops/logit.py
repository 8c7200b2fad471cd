"""Logistic regression on credit default (seed 001, "Taller regresión logística sobre el dataset
credit default"): the maximum-likelihood θ, whether each θ_j is significant, odds and the ROC curve.

    p_1(x) = h_θ(x) = σ(θ0 + θ1 x1 + ... + θn xn),      log(odds) = log(p_1/(1 − p_1)) = θᵀx

Maximizing the log-likelihood ℓ(θ) = Σ y log h + (1 − y) log(1 − h) (minimizing the lecture's
log-loss) uses Newton's method, the algorithm of statsmodels' Logit: with A = [1, X],

    gradient  ∇ℓ = Aᵀ(y − h),   Hessian  −H = −Aᵀ diag(h(1 − h)) A,   θ := θ + H⁻¹ ∇ℓ

H at the optimum is the Fisher information: the standard errors are SE(θ_j) = √[(H⁻¹)_jj], the
Wald statistic z_j = θ_j / SE(θ_j), and the p-value 2·Φ(−|z_j|) is the chance of a |z| that large
if θ_j were 0. A small p-value (< 0.05) means feature j matters for default.
"""

from dataclasses import dataclass

import numpy as np
from scipy.special import expit, ndtr

from engine.workshops.linear import with_ones

MAX_NEWTON = 50
TOL = 1e-10


@dataclass(frozen=True)
class LogitFit:
    """θ (n + 1,) with θ0 first, and for each θ_j its SE, z and p-value; Newton's iterations."""

    theta: np.ndarray
    se: np.ndarray
    z: np.ndarray
    p: np.ndarray
    iterations: int

    def odds_factor(self, steps: np.ndarray) -> np.ndarray:
        """e^(θ_j·step_j): how many times the odds grow when x_j grows by step_j (n,)."""
        return np.exp(self.theta[1:] * steps)


def fit(X: np.ndarray, y: np.ndarray) -> LogitFit:
    """Newton's method from θ = 0 until no θ_j moves more than TOL·(1 + |θ_j|)."""
    if X.shape[1] == 0:
        raise ValueError("pick at least one feature for the logistic regression")
    A = with_ones(X)  # (m, n + 1)
    theta = np.zeros(A.shape[1])
    iteration = 0
    while iteration < MAX_NEWTON:
        iteration += 1
        h = expit(A @ theta)  # (m,) p_1(x)
        H = (A * (h * (1 - h))[:, None]).T @ A  # (n + 1, n + 1) Fisher information
        move = np.linalg.solve(H, A.T @ (y - h))
        theta = theta + move
        if np.all(np.abs(move) <= TOL * (1 + np.abs(theta))):
            break
    h = expit(A @ theta)
    H = (A * (h * (1 - h))[:, None]).T @ A
    se = np.sqrt(np.diag(np.linalg.inv(H)))
    z = theta / se
    return LogitFit(theta, se, z, 2 * ndtr(-np.abs(z)), iteration)


def probabilities(theta: np.ndarray, X: np.ndarray) -> np.ndarray:
    """p_1(x) = σ(θ0 + Xθ) for every row: (m,)."""
    return expit(with_ones(X) @ theta)


@dataclass(frozen=True)
class Roc:
    """The ROC curve: false positive rate FP/(FP + TN) and true positive rate (recall) TP/(TP + FN)
    for every threshold, from 1 (nobody flagged) down to 0 (everybody), and the area under it."""

    fpr: np.ndarray
    tpr: np.ndarray
    thresholds: np.ndarray
    auc: float


def roc(h: np.ndarray, y: np.ndarray) -> Roc:
    """One point per distinct probability: predict 1 when h ≥ that threshold."""
    order = np.argsort(-h, kind="stable")
    h_sorted, y_sorted = h[order], y[order]
    last = np.r_[np.nonzero(np.diff(h_sorted))[0], len(h) - 1]  # the last row of each tie
    tp = np.cumsum(y_sorted)[last]
    fp = (last + 1) - tp
    tpr = np.r_[0.0, tp / max(y.sum(), 1)]
    fpr = np.r_[0.0, fp / max(len(y) - y.sum(), 1)]
    thresholds = np.r_[1.0, h_sorted[last]]
    return Roc(fpr, tpr, thresholds, float(np.trapezoid(tpr, fpr)))


def check_threshold(threshold: float) -> float:
    """A threshold in [0, 1], or a ValueError that says so."""
    if not np.isfinite(threshold) or not 0 <= threshold <= 1:
        raise ValueError(f"the threshold must be between 0 and 1; got {threshold}")
    return float(threshold)
