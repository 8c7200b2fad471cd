"""Losses J(Ŷ, Y), the λ penalty and the gradient at the output (lecture: función de costo).

    bce:       J = −(1/m) Σ [y·log ŷ + (1 − y)·log(1 − ŷ)]        with ŷ = σ(z)
    cce:       J = −(1/m) Σ_i Σ_k y_ik·log ŷ_ik                  with ŷ = softmax(z)
    mse:       J = (1/m) Σ_i Σ_k (ŷ_ik − y_ik)²
    half_mse:  J = (1/(2m)) Σ_i Σ_k (y_ik − ŷ_ik)²                (the lecture's ½·MSE, seed 000)
    penalty:   L2 (λ/(2m))·ΣW²,  L1 (λ/m)·Σ|W|,  ElasticNet r·L1 + (1 − r)·L2
               (biases are not penalized).

For the matching pairs σ + bce and softmax + cce the lecture's shortcut holds: dJ/dZ = (Ŷ − Y)/m.
Both cross-entropies are computed from the logits Z (log σ(z) = −softplus(−z), log-softmax), so a
confident wrong answer gives a large finite loss, not log(0).

`data_loss` and `penalty` also take a stack of G networks (a leading axis on Z and A, and on every
W with stacked=True) and then return J for each one, shape (G,): the loss-surface lab evaluates a
whole grid of networks at once.
"""

import numpy as np

from engine.numpy_backend.activations import derivative, softmax_backward


def data_loss(loss: str, Z: np.ndarray, A: np.ndarray, Y: np.ndarray) -> float | np.ndarray:
    """J without the λ term; Z and A are the output layer's (m, n_out) logits and activations.

    With Z and A stacked as (G, m, n_out) it returns the G losses, (G,).
    """
    return scalar_or_stack(point_loss(loss, Z, A, Y).sum(axis=-1) / Y.shape[-2])


def point_loss(loss: str, Z: np.ndarray, A: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Each example's loss before the average over m, (..., m): the per-point log-loss of a plot."""
    if loss == "bce":
        return (Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)).sum(axis=-1)
    if loss == "cce":
        Z_shift = Z - Z.max(axis=-1, keepdims=True)
        log_A = Z_shift - np.log(np.exp(Z_shift).sum(axis=-1, keepdims=True))
        return -(Y * log_A).sum(axis=-1)
    E = A - Y
    scale = 1.0 if loss == "mse" else 0.5
    return scale * (E * E).sum(axis=-1)


def output_grad(loss: str, output: str, Z: np.ndarray, A: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """dJ/dZ at the output layer, (m, n_out)."""
    m = Y.shape[0]
    if loss in ("bce", "cce"):
        return (A - Y) / m  # the lecture's ŷ − y
    dA = (2.0 if loss == "mse" else 1.0) * (A - Y) / m
    if output == "softmax":
        return softmax_backward(dA, A)
    return dA * derivative(output, Z, A)


def penalty(
    reg: str, lam: float, l1_ratio: float, weights: list[np.ndarray], m: int, stacked: bool = False
) -> float | np.ndarray:
    """The λ term of J (over the weight matrices or kernels only, of any shape).

    stacked=True: every W has a leading axis of G networks, and the G penalties come back, (G,).
    """
    if reg == "none" or lam == 0:
        return 0.0
    l1 = sum(np.abs(W).sum(axis=weight_axes(W, stacked)) for W in weights) * lam / m
    l2 = sum((W * W).sum(axis=weight_axes(W, stacked)) for W in weights) * lam / (2 * m)
    terms = {"l1": l1, "l2": l2, "elasticnet": l1_ratio * l1 + (1 - l1_ratio) * l2}
    return scalar_or_stack(terms[reg])


def weight_axes(W: np.ndarray, stacked: bool) -> tuple[int, ...]:
    """The axes that hold one network's weights: all of them, or all but a leading stack axis."""
    return tuple(range(1 if stacked else 0, W.ndim))


def penalty_grad(reg: str, lam: float, l1_ratio: float, W: np.ndarray, m: int) -> np.ndarray:
    """d(λ term)/dW for one weight matrix."""
    l1 = np.sign(W) * (lam / m)
    l2 = W * (lam / m)
    return {"l1": l1, "l2": l2, "elasticnet": l1_ratio * l1 + (1 - l1_ratio) * l2}[reg]


def scalar_or_stack(J: np.ndarray) -> float | np.ndarray:
    """A Python float for one network, the (G,) array for a stack of them."""
    return float(J) if np.ndim(J) == 0 else J
