"""Gradient descent on J(θ) of engine.workshops.linear, step by step, in NumPy or torch (seed 001,
"DESCENSO DE GRADIENTE"; seed 002, the house price with one neuron, x·w + b).

The smooth part of J (the squared error and Ridge's λ(1 − r)/2 Σ θ_j²) has the gradient

    ∂J/∂θ0 = 1/m Σ_i (h_θ(x⁽ⁱ⁾) − y⁽ⁱ⁾)                       θ0 is never penalized
    ∂J/∂θ_j = 1/m Σ_i (h_θ(x⁽ⁱ⁾) − y⁽ⁱ⁾) x_j⁽ⁱ⁾ + λ(1 − r) θ_j

|θ_j| has no derivative at 0 (the lecture: "muy complicado, incluye definición de subgradiente").
So Lasso's part takes a proximal step instead of a subgradient one: after the gradient step,

    θ_j := S(θ_j, αλr),      S(u, t) = sign(u)·max(|u| − t, 0) = u − clip(u, −t, t)

the soft threshold of paths.py (proximal gradient descent, "ISTA"). It puts θ_j at exactly 0, where
a subgradient step would jump around 0 forever. With r = 0 it is the lecture's Ridge update.

The same `descent_step` runs on NumPy arrays and on torch tensors (float64): both have @, .T,
.mean(), .clip(low, high) and abs().
"""

import numpy as np

DIVERGED = 1e6  # J past a million times its start (or not finite): α is too large, the run stops


def descent_step(theta0, theta, X, y, lr: float, l1: float, l2: float):
    """One step: θ := θ − α ∂J/∂θ, then the proximal step for λr (l1 = λr, l2 = λ(1 − r))."""
    r = theta0 + X @ theta - y  # (m,) residuals h_θ(x) − y
    d_theta0 = r.mean()
    d_theta = X.T @ r / len(y) + l2 * theta  # (n,)
    theta0 = theta0 - lr * d_theta0
    theta = theta - lr * d_theta
    t = lr * l1
    return theta0, theta - theta.clip(-t, t)  # S(θ, αλr): exactly 0 where |θ_j| ≤ αλr


def cost(theta0, theta, X, y, l1: float, l2: float) -> float:
    """J(θ) = 1/(2m) Σ (h_θ(x) − y)² + λr Σ|θ_j| + λ(1 − r)/2 Σ θ_j²."""
    r = theta0 + X @ theta - y
    return float(r @ r / (2 * len(y)) + l1 * abs(theta).sum() + l2 / 2 * theta @ theta)


class Descent:
    """Gradient descent from θ = 0 on (X, y) with step α, penalty λ and L1 share r.

    `step(n)` takes n steps and keeps J after each one in `history` (J before the first step is
    history[0]). A step whose J is not finite or passes DIVERGED times J at θ = 0 stops the run:
    θ stays at the step before and `diverged_at` says which step blew up."""

    def __init__(self, X: np.ndarray, y: np.ndarray, lr: float, lam: float = 0.0,
                 l1_ratio: float = 0.0, backend: str = "numpy",
                 device: str = "cpu") -> None:  # fmt: skip
        self.lr, self.l1, self.l2 = lr, lam * l1_ratio, lam * (1 - l1_ratio)
        self.backend = backend
        self.X, self.y = self.to_backend(X, device), self.to_backend(y, device)
        self.theta0 = 0.0
        self.theta = self.to_backend(np.zeros(X.shape[1]), device)
        self.history = [cost(self.theta0, self.theta, self.X, self.y, self.l1, self.l2)]
        self.diverged_at: int | None = None

    def to_backend(self, a: np.ndarray, device: str):
        if self.backend == "numpy":
            return np.asarray(a, dtype=float)
        import torch

        return torch.as_tensor(np.asarray(a, dtype=float), dtype=torch.float64, device=device)

    @property
    def steps(self) -> int:
        return len(self.history) - 1

    def step(self, n: int = 1) -> None:
        for _ in range(n if self.diverged_at is None else 0):
            theta0, theta = descent_step(
                self.theta0, self.theta, self.X, self.y, self.lr, self.l1, self.l2
            )
            J = cost(theta0, theta, self.X, self.y, self.l1, self.l2)
            if not np.isfinite(J) or J / self.history[0] > DIVERGED:
                self.diverged_at = self.steps + 1
                return
            self.theta0, self.theta = float(theta0), theta
            self.history.append(J)

    def params(self) -> tuple[float, np.ndarray]:
        """θ0 and θ (n,) as NumPy."""
        theta = self.theta if self.backend == "numpy" else self.theta.cpu().numpy()
        return self.theta0, np.array(theta, dtype=float)


def largest_stable_lr(X: np.ndarray, l2: float = 0.0) -> float:
    """2/L, L the largest eigenvalue of the Hessian of J's smooth part, [1, x]ᵀ[1, x]/m + λ(1 − r)
    on θ: gradient descent converges for α < 2/L and diverges above it."""
    A = np.column_stack([np.ones(len(X)), X])  # (m, n + 1)
    L = np.linalg.eigvalsh(A.T @ A / len(X)).max() + l2
    return float(2.0 / L)
