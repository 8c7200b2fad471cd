"""Class weights in the loss (seed 003, desequilibrio de datos): each example's cross-entropy
counts w_k times, k its class, so a rare class weighs as much in J as a frequent one.

    J = (1/m) Σ_i w_{y_i} · ℓ_i        ℓ_i = −[y_i log ŷ_i + (1 − y_i) log(1 − ŷ_i)]
    dJ/dZ_i = w_{y_i} · (ŷ_i − y_i) / m                      (the lecture's ŷ − y, weighted)
    w_k = m / (K · m_k)     ("balanced": the weights average 1 over the training set)

Only the output layer's loss changes; the hidden layers' backpropagation is the shared MLP's.
"""

import numpy as np

from engine.numpy_backend import losses
from engine.numpy_backend.mlp import MLP
from engine.spec import MLPSpec


def balanced_weights(y: np.ndarray, n_classes: int = 2) -> np.ndarray:
    """w_k = m / (K · m_k) for each class k, (K,)."""
    counts = np.bincount(np.asarray(y, dtype=int), minlength=n_classes)  # (K,)
    if np.any(counts == 0):
        raise ValueError("class weights need at least one training point of every class")
    return len(y) / (n_classes * counts)


class WeightedMLP(MLP):
    """The shared NumPy MLP (σ output, binary cross-entropy) with a weight per class in J."""

    def __init__(self, spec: MLPSpec, class_weight: np.ndarray, seed: int = 0, **kwargs):
        if spec.output != "sigmoid" or spec.loss != "bce":
            raise ValueError("class weights are written for the σ output with cross-entropy")
        super().__init__(spec, seed=seed, **kwargs)
        self.class_weight = np.asarray(class_weight, dtype=self.dtype)  # (2,)

    def weights_of(self, Y: np.ndarray) -> np.ndarray:
        """w_{y_i} of each row of Y (labels 0/1), (m, 1)."""
        return self.class_weight[Y.astype(int)]  # (m, 1)

    def data_loss(self, Z: np.ndarray, A: np.ndarray, Y: np.ndarray) -> float:
        ell = losses.point_loss("bce", Z, A, Y)  # (m,)
        return float((self.weights_of(Y)[:, 0] * ell).sum() / Y.shape[0])

    def output_grad(self, Z: np.ndarray, A: np.ndarray, Y: np.ndarray) -> np.ndarray:
        return self.weights_of(Y) * (A - Y) / Y.shape[0]  # (m, 1)
