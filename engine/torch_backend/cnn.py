"""A small convolutional network in torch: the same names, shapes and formulas as the NumPy engine.

    Z{l} = conv(P{l−1}, W{l}) + b{l},  A{l} = ReLU(Z{l}),  P{l} = pool(A{l}),  P{0} = X
    Z = flatten(P{L}) @ W{L+1} + b{L+1},  Ŷ = softmax(Z)
Autograd computes dJ/dθ; the parameters W1, b1, ... are views into one flat leaf tensor θ, so θ.grad
is the flat dθ and weights copy across engines by name. Runs on "cpu" or "cuda".
"""

import numpy as np
import torch
from torch.nn import functional

from engine.cnn_spec import POOL_SIZE, CNNSpec, initial_params
from engine.params import views
from engine.torch_backend import losses
from engine.torch_backend.mlp import MLP

POOLS = {"max": functional.max_pool2d, "avg": functional.avg_pool2d}


class CNN:
    """conv → ReLU → pool blocks, then a softmax layer, built from a `CNNSpec`."""

    def __init__(
        self,
        spec: CNNSpec,
        params: dict | None = None,
        seed: int = 0,
        dtype=np.float64,
        device: str = "cpu",
    ):
        params = initial_params(spec, seed) if params is None else params
        self.init_flat(spec, params, dtype, device)
        self.L = spec.n_blocks + 1

    def forward(self, X: torch.Tensor) -> tuple[torch.Tensor, dict]:
        """Ŷ (m, K) and {"A1": ..., "P1": ..., "Z": logits}."""
        spec, p = self.spec, views(self.theta, self.shapes)
        P = X.reshape(len(X), 1, spec.in_size, spec.in_size)  # (m, 1, n, n)
        cache = {}
        for l in range(1, self.L):
            Z = functional.conv2d(P, p[f"W{l}"], p[f"b{l}"], padding=spec.pad)  # (m, n_F, n, n)
            A = torch.relu(Z)  # (m, n_F, n, n)
            P = POOLS[spec.pool](A, POOL_SIZE, POOL_SIZE)  # (m, n_F, n/2, n/2)
            cache[f"A{l}"], cache[f"P{l}"] = A, P
        Z = P.reshape(len(X), -1) @ p[f"W{self.L}"] + p[f"b{self.L}"]  # (m, K)
        cache["Z"] = Z
        return torch.softmax(Z, dim=1), cache

    def cost(self, X: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
        Y_hat, cache = self.forward(X)
        p = views(self.theta, self.shapes)
        weights = [p[f"W{l}"] for l in range(1, self.L + 1)]
        J = losses.data_loss("cce", cache["Z"], Y_hat, Y)
        return J + losses.penalty("l2", self.spec.lam, 0.0, weights, Y.shape[0])

    def feature_maps(self, X) -> dict[str, np.ndarray]:
        """{"A1": after conv + ReLU, "P1": after pooling, ...} as NumPy (m, n_F, n_H, n_W)."""
        with torch.no_grad():
            cache = self.forward(self.asarray(X))[1]
        return {name: T.cpu().numpy() for name, T in cache.items() if name != "Z"}

    # The flat-θ plumbing is the MLP's, unchanged: both keep θ, its views and shapes alike.
    dtheta = MLP.dtheta  # θ.grad, written by autograd
    backprop, loss_and_grads, loss = MLP.backprop, MLP.loss_and_grads, MLP.loss
    predict = MLP.predict  # Ŷ as a NumPy array, (m, K)
    asarray = MLP.asarray
    init_flat, get_params, set_params = MLP.init_flat, MLP.get_params, MLP.set_params
    get_theta, set_theta = MLP.get_theta, MLP.set_theta
    make_optimizer, clip = MLP.make_optimizer, MLP.clip
