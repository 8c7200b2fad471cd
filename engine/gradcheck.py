"""Numerical gradient check: the centered difference (J(θ + ε) − J(θ − ε)) / 2ε for every θ_i.

The lecture derives every backward formula by the chain rule; this is how the tests (and the
backprop lab, on request) confirm that the hand-written gradients are right.
"""

from collections.abc import Callable

import numpy as np


def numerical_gradient(J: Callable[[], float], theta: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """∂J/∂θ by centered differences; J reads θ, which is nudged in place and restored."""
    grad = np.zeros_like(theta)
    for i in range(theta.size):
        old = theta.flat[i]
        theta.flat[i] = old + eps
        J_plus = J()
        theta.flat[i] = old - eps
        J_minus = J()
        theta.flat[i] = old
        grad.flat[i] = (J_plus - J_minus) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """max |a − b| / max(|a| + |b|, tiny): 0 when equal, about 1 when unrelated."""
    return float(np.abs(a - b).max() / max(np.abs(a).max() + np.abs(b).max(), 1e-12))
