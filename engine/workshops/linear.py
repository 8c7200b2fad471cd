"""Linear regression with one neuron, h_θ(x) = θ0 + θ1 x1 + ... + θn xn (seed 002: x·w + b), and
its cost with the penalties of seed 001 (Ridge, Lasso, ElasticNet):

    J(θ) = 1/(2m) Σ_i (h_θ(x⁽ⁱ⁾) − y⁽ⁱ⁾)²  +  λ [ r Σ_j |θ_j|  +  (1 − r)/2 Σ_j θ_j² ]

with j = 1..n: θ0 is never penalized. r = 0 is Ridge, r = 1 Lasso, 0 < r < 1 ElasticNet (r is
scikit-learn's l1_ratio). The data term is the lecture's 1/(2m) mean squared error (seed 001,
"DESCENSO DE GRADIENTE"); the lecture's Ridge and Lasso slides write the sum without 1/(2m), and
their λ is 2m times this one. This scaling is scikit-learn's own, so (with m examples)

    Lasso(alpha=λ), ElasticNet(alpha=λ, l1_ratio=r), lasso_path/enet_path(alphas=λ)   the same J
    Ridge(alpha=m·λ)   (Ridge minimizes ‖y − Xθ‖² + alpha‖θ‖², which is 2m times J with r = 0)

Closed form (λ = 0, "mínimos cuadrados ordinarios"): the normal equations XᵀX θ = Xᵀy, with a
column of ones in X for θ0.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Scaler:
    """z = (x − μ)/σ per feature (the z-score); μ and σ come from the training data."""

    mu: np.ndarray  # (n,)
    sigma: np.ndarray  # (n,)

    def transform(self, X: np.ndarray) -> np.ndarray:
        return (X - self.mu) / self.sigma  # (m, n)

    def unscale(self, theta0: float, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """θ of a model on z-scores, written for the raw features: h = θ0 + Σ θ_j (x_j − μ_j)/σ_j
        = (θ0 − Σ θ_j μ_j/σ_j) + Σ (θ_j/σ_j) x_j."""
        w = theta / self.sigma
        return float(theta0 - w @ self.mu), w


def fit_scaler(X: np.ndarray) -> Scaler:
    """The z-score of each column; a constant column keeps σ = 1 (no division by zero)."""
    sigma = X.std(axis=0)
    return Scaler(X.mean(axis=0), np.where(sigma > 0, sigma, 1.0))


def identity_scaler(n: int) -> Scaler:
    """No scaling: the raw features (μ = 0, σ = 1)."""
    return Scaler(np.zeros(n), np.ones(n))


def with_ones(X: np.ndarray) -> np.ndarray:
    """[1, x1, ..., xn] for each row, so that θ0 is the first θ: (m, n + 1)."""
    return np.column_stack([np.ones(len(X)), X])


def least_squares(X: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """θ0 and θ of min Σ (θ0 + Xθ − y)², from the normal equations XᵀX θ = Xᵀy."""
    A = with_ones(X)  # (m, n + 1)
    theta = np.linalg.solve(A.T @ A, A.T @ y)  # (n + 1,)
    return float(theta[0]), theta[1:]


def predict(theta0: float, theta: np.ndarray, X: np.ndarray) -> np.ndarray:
    """h_θ(x) = θ0 + Xθ for every row: (m,)."""
    return theta0 + X @ theta


def penalty(theta: np.ndarray, lam: float, l1_ratio: float) -> float:
    """λ [ r Σ|θ_j| + (1 − r)/2 Σ θ_j² ], j = 1..n (θ0 is not in `theta`)."""
    return float(lam * (l1_ratio * np.abs(theta).sum() + (1 - l1_ratio) / 2 * theta @ theta))


def cost(theta0: float, theta: np.ndarray, X: np.ndarray, y: np.ndarray, lam: float = 0.0,
         l1_ratio: float = 0.0) -> float:  # fmt: skip
    """J(θ) of the module docstring."""
    r = predict(theta0, theta, X) - y  # (m,) residuals
    return float(r @ r / (2 * len(y))) + penalty(theta, lam, l1_ratio)


def mse(theta0: float, theta: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """1/m Σ (h_θ(x) − y)²: the error a reader compares across λ (no penalty, no 1/2)."""
    r = predict(theta0, theta, X) - y
    return float(r @ r / len(y))


def check_penalty(lam: float, l1_ratio: float) -> None:
    """λ ≥ 0 and 0 ≤ r ≤ 1, both finite, or a ValueError that says which."""
    if not np.isfinite(lam) or lam < 0:
        raise ValueError(f"λ must be a number ≥ 0; got {lam}")
    if not np.isfinite(l1_ratio) or not 0 <= l1_ratio <= 1:
        raise ValueError(f"the L1 share r must be between 0 and 1; got {l1_ratio}")
