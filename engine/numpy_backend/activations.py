"""Activation functions g(Z) and their derivatives g'(Z) (lecture: funciones de activación).

Each derivative is written from the activation's own output where the lecture does so
(σ' = a(1 − a), tanh' = 1 − a²), which is why `derivative` takes both Z and A = g(Z).
step, sign and piecewise_linear are here for the activation gallery: their derivative is zero almost
everywhere, so gradient descent cannot train them.
"""

import numpy as np
from scipy.special import expit

LEAKY_SLOPE = 0.01  # the lecture's max(0.01·Z, Z)
ELU_ALPHA = 1.0


def sigmoid(Z):
    """σ(Z) = 1/(1 + e^{−Z}); SciPy's expit computes exactly this without overflow for large |Z|."""
    return expit(Z)


def softmax(Z):
    """softmax over the last axis, shifted by the row's max so that e^z never overflows."""
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


def elu(Z):
    return np.where(Z > 0, Z, ELU_ALPHA * np.expm1(np.minimum(Z, 0)))


FUNCTIONS = {
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "relu": lambda Z: np.maximum(Z, 0),
    "leaky_relu": lambda Z: np.where(Z > 0, Z, LEAKY_SLOPE * Z),
    "elu": elu,
    "linear": lambda Z: Z,
    "softmax": softmax,
    "step": lambda Z: np.heaviside(Z, 0.5),  # the lecture's unit step: 0.5 at z = 0
    "sign": np.sign,
    "piecewise_linear": lambda Z: np.clip(Z + 0.5, 0, 1),
}

DERIVATIVES = {
    "sigmoid": lambda Z, A: A * (1 - A),
    "tanh": lambda Z, A: 1 - A * A,
    "relu": lambda Z, A: (Z > 0).astype(Z.dtype),
    "leaky_relu": lambda Z, A: np.where(Z > 0, 1.0, LEAKY_SLOPE).astype(Z.dtype),
    "elu": lambda Z, A: np.where(Z > 0, 1.0, A + ELU_ALPHA).astype(Z.dtype),
    "linear": lambda Z, A: np.ones_like(Z),
    "step": lambda Z, A: np.zeros_like(Z),
    "sign": lambda Z, A: np.zeros_like(Z),
    "piecewise_linear": lambda Z, A: ((Z > -0.5) & (Z < 0.5)).astype(Z.dtype),
}


def activate(name: str, Z: np.ndarray) -> np.ndarray:
    """A = g(Z)."""
    return FUNCTIONS[name](Z)


def derivative(name: str, Z: np.ndarray, A: np.ndarray) -> np.ndarray:
    """g'(Z), elementwise (softmax has a Jacobian instead: see softmax_backward)."""
    return DERIVATIVES[name](Z, A)


def softmax_backward(dA: np.ndarray, A: np.ndarray) -> np.ndarray:
    """dZ from dA through softmax: dZ_i = a_i (dA_i − Σ_j dA_j a_j), row by row."""
    return A * (dA - (dA * A).sum(axis=-1, keepdims=True))
