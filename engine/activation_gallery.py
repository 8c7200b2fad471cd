"""The lecture's activation tables: formula, derivative, range, usable with gradient descent or not.

The functions themselves come from engine/numpy_backend/activations.py (the ones the MLP runs);
this module only adds what the gallery shows beside each curve. Step and sign have a derivative of
0 wherever it exists, so no gradient flows back through them and gradient descent cannot train a
network built from them. Softmax maps a vector to a vector: its derivative is the Jacobian
∂σ_i/∂a_j = σ_i (δ_ij − σ_j); the gallery plots its first output for the pair (z, 0), which is
σ(z).
"""

from dataclasses import dataclass

import numpy as np

from engine.numpy_backend.activations import (
    ELU_ALPHA,
    activate,
    derivative,
    softmax,
    softmax_backward,
)


@dataclass(frozen=True)
class Activation:
    """One row of the lecture's table; `trainable`: usable with gradient descent."""

    name: str
    formula: str
    derivative: str
    range: str
    trainable: bool


GALLERY = (
    Activation(
        "step",
        r"\phi(z) = \begin{cases} 0, & z < 0 \\ 0.5, & z = 0 \\ 1, & z > 0 \end{cases}",
        r"\phi'(z) = 0 \quad (z \neq 0)",
        r"\{0, 1\}",
        False,
    ),
    Activation(
        "sign",
        r"\phi(z) = \begin{cases} -1, & z < 0 \\ 0, & z = 0 \\ 1, & z > 0 \end{cases}",
        r"\phi'(z) = 0 \quad (z \neq 0)",
        r"\{-1, 0, 1\}",
        False,
    ),
    Activation("linear", r"\phi(z) = z", r"\phi'(z) = 1", r"(-\infty, \infty)", True),
    Activation(
        "piecewise_linear",
        r"\phi(z) = \begin{cases} 1, & z \geq \frac{1}{2} \\ z + \frac{1}{2}, & |z| < \frac{1}{2}"
        r" \\ 0, & z \leq -\frac{1}{2} \end{cases}",
        r"\phi'(z) = \begin{cases} 1, & |z| < \frac{1}{2} \\ 0, & |z| > \frac{1}{2} \end{cases}",
        r"[0, 1]",
        True,
    ),
    Activation(
        "sigmoid",
        r"\sigma(z) = \frac{1}{1 + e^{-z}}",
        r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))",
        r"(0, 1)",
        True,
    ),
    Activation(
        "tanh",
        r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
        r"\tanh'(z) = 1 - \tanh^2(z)",
        r"(-1, 1)",
        True,
    ),
    Activation(
        "relu",
        r"\mathrm{relu}(z) = \max(0, z)",
        r"\mathrm{relu}'(z) = \begin{cases} 0, & z \leq 0 \\ 1, & z > 0 \end{cases}",
        r"[0, \infty)",
        True,
    ),
    Activation(
        "leaky_relu",
        r"\phi(z) = \max(0.01\,z, z)",
        r"\phi'(z) = \begin{cases} 0.01, & z < 0 \\ 1, & z > 0 \end{cases}",
        r"(-\infty, \infty)",
        True,
    ),
    Activation(
        "elu",
        r"\phi(z) = \begin{cases} z & z > 0 \\ \alpha(e^{z} {-} 1) & z \leq 0 \end{cases}",
        r"\phi'(z) = \begin{cases} 1 & z > 0 \\ \phi(z) {+} \alpha & z \leq 0 \end{cases}",
        rf"(-\alpha, \infty),\ \alpha = {ELU_ALPHA:g}",
        True,
    ),
    Activation(
        "softmax",
        r"\sigma_i(\mathbf{a}) = \frac{e^{a_i}}{\sum_j e^{a_j}}",
        r"\frac{\partial \sigma_i(\mathbf{a})}{\partial a_j} = \sigma_i(\mathbf{a})"
        r"\,(\delta_{ij} - \sigma_j(\mathbf{a}))",
        r"(0, 1),\ \textstyle\sum_i \sigma_i = 1",
        True,
    ),
)
NAMES = tuple(a.name for a in GALLERY)
LECTURE_LOGITS = (-0.21, 0.47, 1.72)  # the lecture's softmax example: → about [0.1, 0.2, 0.7]


def entry(name: str) -> Activation:
    for a in GALLERY:
        if a.name == name:
            return a
    raise ValueError(f"activation must be one of {', '.join(NAMES)}; got {name!r}")


def curve(name: str, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """φ(z) and φ'(z) on a 1-D grid; for softmax, the first output of softmax([z, 0])."""
    entry(name)
    if name == "softmax":
        Z = np.column_stack([z, np.zeros_like(z)])  # (n, 2)
        A = softmax(Z)  # (n, 2)
        dA = np.column_stack([np.ones_like(z), np.zeros_like(z)])  # picks ∂σ_1/∂z_1
        return A[:, 0], softmax_backward(dA, A)[:, 0]
    A = activate(name, z)
    return A, derivative(name, z, A)


def softmax_jacobian(a: np.ndarray) -> np.ndarray:
    """J[i, j] = ∂σ_i/∂a_j for one logit vector a (K,), from the engine's softmax_backward."""
    s = softmax(np.asarray(a, dtype=float))  # (K,)
    K = s.size
    # softmax_backward(dA, A) returns dA·J row by row; dA = e_i gives row i (J is symmetric).
    return softmax_backward(np.eye(K), np.tile(s, (K, 1)))  # (K, K)


def neuron(x: np.ndarray, w: np.ndarray, b: float, name: str) -> tuple[float, float]:
    """One neuron: z = w·x + b (a dot product) and a = φ(z)."""
    z = float(np.dot(w, x) + b)
    a, _ = curve(name, np.array([z]))
    return z, float(a[0])
