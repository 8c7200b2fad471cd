"""Losses and the λ penalty in torch (the same formulas as engine/numpy_backend/losses.py).

As there, a leading axis on Z and A (and on every W, with stacked=True) stacks G networks and
gives their G losses.
"""

import torch
from torch.nn import functional


def data_loss(loss: str, Z: torch.Tensor, A: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    """J without the λ term, from the output layer's logits Z and activations A."""
    m = Y.shape[-2]
    if loss == "bce":
        L = Y * functional.softplus(-Z) + (1 - Y) * functional.softplus(Z)  # (..., m, 1)
    elif loss == "cce":
        L = -(Y * torch.log_softmax(Z, dim=-1))  # (..., m, K)
    else:
        E = A - Y
        L = (1.0 if loss == "mse" else 0.5) * (E * E)  # (..., m, n_out)
    return L.sum(dim=(-2, -1)) / m


def penalty(
    reg: str, lam: float, l1_ratio: float, weights: list, m: int, stacked: bool = False
) -> torch.Tensor | float:
    """The λ term of J (over the weights only; biases are not penalized); (G,) when stacked."""
    if reg == "none" or lam == 0:
        return 0.0
    l1 = sum(W.abs().sum(dim=weight_dims(W, stacked)) for W in weights) * lam / m
    l2 = sum((W * W).sum(dim=weight_dims(W, stacked)) for W in weights) * lam / (2 * m)
    return {"l1": l1, "l2": l2, "elasticnet": l1_ratio * l1 + (1 - l1_ratio) * l2}[reg]


def weight_dims(W: torch.Tensor, stacked: bool) -> tuple[int, ...]:
    """The dims that hold one network's weights: all of them, or all but a leading stack dim."""
    return tuple(range(1 if stacked else 0, W.dim()))
