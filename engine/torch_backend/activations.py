"""Activation functions g(Z) in torch (the same names as engine/numpy_backend/activations.py).

Torch's autograd differentiates them, so no hand-written derivative is needed here; the NumPy
engine's derivatives are checked against these in the parity tests.
"""

import torch

LEAKY_SLOPE = 0.01
ELU_ALPHA = 1.0

FUNCTIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda Z: torch.nn.functional.leaky_relu(Z, LEAKY_SLOPE),
    "elu": lambda Z: torch.nn.functional.elu(Z, ELU_ALPHA),
    "linear": lambda Z: Z,
    "softmax": lambda Z: torch.softmax(Z, dim=-1),
}


def activate(name: str, Z: torch.Tensor) -> torch.Tensor:
    """A = g(Z)."""
    return FUNCTIONS[name](Z)
