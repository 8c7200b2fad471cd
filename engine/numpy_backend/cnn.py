"""A small convolutional network with hand-written backpropagation in NumPy (lecture: CNN).

Forward, block l = 1..L (examples are the first axis; images are (n_C, n_H, n_W)):
    Z{l} = conv(A_prev, W{l}) + b{l}     k x k filters, 'same' padding, stride 1
    A{l} = ReLU(Z{l})                    the feature maps
    P{l} = pool(A{l})                    2x2 max or average, stride 2; P{0} = X
then the fully connected softmax layer (the lecture's clasificador):
    Z = flatten(P{L}) @ W{L+1} + b{L+1},   Ŷ = softmax(Z)
    J = −(1/m) Σ_i Σ_k y_ik·log ŷ_ik + (λ/(2m))·Σ_l ΣW{l}²
Backward runs the same chain in reverse with the layer functions of `conv.py`:
    dZ = (Ŷ − Y)/m,  dP{l} → pool_backward → dA{l} ⊙ ReLU'(Z{l}) = dZ{l} → conv_backward → dP{l−1}

Parameters are views into one flat vector θ (engine/params.py), gradients into the matching dθ, so
one optimizer step updates every filter and weight at once.
"""

import numpy as np

from engine.cnn_spec import POOL_SIZE, CNNSpec, initial_params
from engine.numpy_backend import losses
from engine.numpy_backend.activations import activate, derivative
from engine.numpy_backend.conv import conv_backward, conv_forward, pool_backward, pool_forward
from engine.numpy_backend.mlp import MLP


class CNN:
    """conv → ReLU → pool blocks, then a softmax layer, built from a `CNNSpec`."""

    def __init__(self, spec: CNNSpec, params: dict | None = None, seed: int = 0, dtype=np.float64):
        self.init_flat(spec, initial_params(spec, seed) if params is None else params, dtype)
        self.L = spec.n_blocks + 1  # the fully connected layer is layer L

    def forward(self, X: np.ndarray) -> tuple[np.ndarray, dict]:
        """Ŷ (m, K) and the cache: every block's Z, A, P and layer caches, then the flat input."""
        spec, p = self.spec, self.params
        P = X.reshape(len(X), 1, spec.in_size, spec.in_size)  # (m, 1, n, n) P{0} = X
        cache = {"blocks": []}
        for l in range(1, self.L):
            Z, conv_cache = conv_forward(P, p[f"W{l}"], p[f"b{l}"], 1, spec.pad)  # (m, n_F, n, n)
            A = activate("relu", Z)  # (m, n_F, n, n)
            P, pool_cache = pool_forward(A, POOL_SIZE, POOL_SIZE, spec.pool)  # (m, n_F, n/2, n/2)
            cache["blocks"].append((Z, A, P, conv_cache, pool_cache))
        A_flat = P.reshape(len(X), -1)  # (m, n_flat)
        Z = A_flat @ p[f"W{self.L}"] + p[f"b{self.L}"]  # (m, K)
        Y_hat = activate("softmax", Z)  # (m, K)
        cache.update(A_flat=A_flat, Z=Z, Y_hat=Y_hat)
        return Y_hat, cache

    def backward(self, Y: np.ndarray, cache: dict) -> None:
        """Write dJ/dθ into self.dtheta from the forward cache."""
        spec, p, g = self.spec, self.params, self.grads
        m, L = Y.shape[0], self.L
        dZ = losses.output_grad("cce", "softmax", cache["Z"], cache["Y_hat"], Y)  # (m, K)
        np.matmul(cache["A_flat"].T, dZ, out=g[f"W{L}"])  # (n_flat, K)
        g[f"b{L}"][...] = dZ.sum(axis=0)  # (K,)
        dP = (dZ @ p[f"W{L}"].T).reshape(cache["blocks"][-1][2].shape)  # (m, n_F, n/2, n/2)
        for l in reversed(range(1, L)):
            Z, A, _, conv_cache, pool_cache = cache["blocks"][l - 1]
            dA = pool_backward(dP, pool_cache)  # (m, n_F, n, n)
            dZ = dA * derivative("relu", Z, A)  # (m, n_F, n, n)
            dP, g[f"W{l}"][...], g[f"b{l}"][...] = conv_backward(dZ, conv_cache, l > 1)
        if spec.lam > 0:
            for l in range(1, L + 1):
                g[f"W{l}"] += losses.penalty_grad("l2", spec.lam, 0.0, p[f"W{l}"], m)

    def loss_and_grads(self, X: np.ndarray, Y: np.ndarray) -> float:
        """J (with its λ term) on a batch, and dJ/dθ written into self.dtheta."""
        Y_hat, cache = self.forward(X)
        self.backward(Y, cache)
        return self.cost(cache["Z"], Y_hat, Y)

    def loss(self, X: np.ndarray, Y: np.ndarray) -> float:
        """J (with its λ term) on a batch, without gradients."""
        Y_hat, cache = self.forward(self.asarray(X))
        return self.cost(cache["Z"], Y_hat, Y)

    def cost(self, Z: np.ndarray, Y_hat: np.ndarray, Y: np.ndarray) -> float:
        weights = [self.params[f"W{l}"] for l in range(1, self.L + 1)]
        J = losses.data_loss("cce", Z, Y_hat, Y)
        return J + losses.penalty("l2", self.spec.lam, 0.0, weights, Y.shape[0])

    def feature_maps(self, X: np.ndarray) -> dict[str, np.ndarray]:
        """{"A1": after conv + ReLU, "P1": after pooling, ...} as (m, n_F, n_H, n_W) arrays."""
        blocks = self.forward(self.asarray(X))[1]["blocks"]
        maps = {}
        for l, (_, A, P, _, _) in enumerate(blocks, start=1):
            maps[f"A{l}"], maps[f"P{l}"] = A, P
        return maps

    # The flat-θ plumbing is the MLP's, unchanged: both keep θ, dθ, params and shapes alike.
    backprop = MLP.backprop  # dJ/dθ into dθ, without computing J (the training hot path)
    predict = MLP.predict  # Ŷ, (m, K)
    asarray = MLP.asarray
    init_flat, get_params, set_params = MLP.init_flat, MLP.get_params, MLP.set_params
    get_theta, set_theta = MLP.get_theta, MLP.set_theta
    make_optimizer, clip = MLP.make_optimizer, MLP.clip
