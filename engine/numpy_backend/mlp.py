"""Multilayer perceptron with hand-written backpropagation in NumPy (lecture: ANN, backprop, XOR).

Forward, layer l = 1..L (rows of A are examples):
    Z[l] = A[l−1] @ W[l] + b[l]        A[0] = X
    A[l] = g(Z[l])                     g: hidden activation, or the output's σ, softmax, linear
Backward (dX means dJ/dX and has X's shape):
    dZ[L] = (Ŷ − Y)/m                  for σ + bce and softmax + cce (the lecture's shortcut)
    dW[l] = A[l−1]ᵀ @ dZ[l] + d(λ term)/dW[l]        db[l] = Σ_rows dZ[l]
    dA[l−1] = dZ[l] @ W[l]ᵀ            dZ[l−1] = dA[l−1] ⊙ g'(Z[l−1])
The lecture writes Z = W·A + b with examples as columns; here examples are rows, hence A @ W.

Parameters W1, b1, ..., WL, bL are views into one flat vector θ (engine/params.py) and gradients are
written in place into the matching flat dθ, so one optimizer step updates every layer at once.
"""

import numpy as np

from engine.numpy_backend import losses
from engine.numpy_backend.activations import activate, derivative
from engine.numpy_backend.optimizers import clip_by_norm, make_optimizer
from engine.params import size, views
from engine.spec import MLPSpec, initial_params


class MLP:
    """A fully connected network built from an `MLPSpec`; starts from `params` or a seeded draw."""

    def __init__(self, spec: MLPSpec, params: dict | None = None, seed: int = 0, dtype=np.float64):
        self.init_flat(spec, initial_params(spec, seed) if params is None else params, dtype)
        L = spec.n_layers
        self.W = [self.params[f"W{l}"] for l in range(1, L + 1)]  # W[0] is the lecture's W[1]
        self.b = [self.params[f"b{l}"] for l in range(1, L + 1)]
        self.dW = [self.grads[f"W{l}"] for l in range(1, L + 1)]
        self.db = [self.grads[f"b{l}"] for l in range(1, L + 1)]
        self.g = [spec.activation] * (L - 1) + [spec.output]

    def forward(self, X: np.ndarray) -> tuple[np.ndarray, tuple[list, list]]:
        """Ŷ = A[L] and the cache (Z[1..L], A[0..L]) that backward needs."""
        Zs, As = [], [X]
        A = X  # (m, n_0)
        for W, b, g in zip(self.W, self.b, self.g, strict=True):
            Z = A @ W + b  # (m, n_l)
            A = activate(g, Z)  # (m, n_l)
            Zs.append(Z)
            As.append(A)
        return A, (Zs, As)

    def backward(self, Y: np.ndarray, cache: tuple[list, list]) -> list[np.ndarray]:
        """Write dJ/dθ into self.dtheta (dW1, db1, ..., dWL, dbL) from the forward cache.

        Returns dZ[1..L], each layer's δ = dJ/dZ[l], for the backprop stepper to show.
        """
        spec = self.spec
        Zs, As = cache
        m = Y.shape[0]
        dZ = self.output_grad(Zs[-1], As[-1], Y)  # (m, n_L)
        dZs = [dZ]
        for l in reversed(range(spec.n_layers)):
            np.matmul(As[l].T, dZ, out=self.dW[l])  # (n_{l-1}, n_l); As[l] is A[l−1]
            np.add.reduce(dZ, 0, None, self.db[l])  # (n_l,): Σ over the rows of dZ
            if spec.reg != "none" and spec.lam > 0:
                self.dW[l] += losses.penalty_grad(spec.reg, spec.lam, spec.l1_ratio, self.W[l], m)
            if l > 0:
                dA = dZ @ self.W[l].T  # (m, n_{l-1})
                dZ = dA * derivative(self.g[l - 1], Zs[l - 1], As[l])  # (m, n_{l-1})
                dZs.insert(0, dZ)
        return dZs

    def backprop(self, X: np.ndarray, Y: np.ndarray) -> None:
        """dJ/dθ on a batch, written into self.dtheta (the training hot path: J is not computed)."""
        self.backward(Y, self.forward(X)[1])

    def loss_and_grads(self, X: np.ndarray, Y: np.ndarray) -> float:
        """J (with its λ term) on a batch, and dJ/dθ written into self.dtheta."""
        A, cache = self.forward(X)
        self.backward(Y, cache)
        return self.cost(cache[0][-1], A, Y)

    def loss(self, X: np.ndarray, Y: np.ndarray) -> float:
        """J (with its λ term) on a batch, without gradients."""
        A, (Zs, _) = self.forward(X)
        return self.cost(Zs[-1], A, Y)

    def cost(self, Z: np.ndarray, A: np.ndarray, Y: np.ndarray) -> float:
        spec = self.spec
        J = self.data_loss(Z, A, Y)
        return J + losses.penalty(spec.reg, spec.lam, spec.l1_ratio, self.W, Y.shape[0])

    def data_loss(self, Z: np.ndarray, A: np.ndarray, Y: np.ndarray) -> float:
        """J without the λ term (a subclass may weight the examples: engine/problems/weighted)."""
        return losses.data_loss(self.spec.loss, Z, A, Y)

    def output_grad(self, Z: np.ndarray, A: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """dJ/dZ[L] of data_loss, (m, n_L)."""
        return losses.output_grad(self.spec.loss, self.spec.output, Z, A, Y)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Ŷ: the output layer's activations, (m, n_L)."""
        return self.forward(self.asarray(X))[0]

    def layer_outputs(self, X: np.ndarray) -> list[np.ndarray]:
        """A[1], ..., A[L] as NumPy arrays (for the per-neuron heatmaps)."""
        return self.forward(self.asarray(X))[1][1][1:]

    def pre_activations(self, X: np.ndarray) -> list[np.ndarray]:
        """Z[1], ..., Z[L] as NumPy arrays."""
        return self.forward(self.asarray(X))[1][0]

    def asarray(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(X, dtype=self.dtype)

    def init_flat(self, spec, params: dict, dtype) -> None:
        """Check the spec; θ and dθ as flat vectors with named views (W1, b1, ...); set θ."""
        spec.validate()
        self.spec, self.dtype = spec, dtype
        self.shapes = spec.param_shapes()
        self.theta = np.zeros(size(self.shapes), dtype=dtype)  # (P,)
        self.dtheta = np.zeros_like(self.theta)  # (P,)
        self.params = views(self.theta, self.shapes)
        self.grads = views(self.dtheta, self.shapes)
        self.set_params(params)

    def get_params(self) -> dict[str, np.ndarray]:
        """A copy of every parameter, by name."""
        return {name: p.copy() for name, p in self.params.items()}

    def set_params(self, params: dict[str, np.ndarray]) -> None:
        for name, shape in self.shapes.items():
            value = np.asarray(params[name])
            if value.shape != shape:
                raise ValueError(f"parameter {name} must have shape {shape}; got {value.shape}")
            self.params[name][...] = value

    def get_theta(self) -> np.ndarray:
        return self.theta.copy()

    def set_theta(self, theta: np.ndarray) -> None:
        self.theta[...] = theta

    def make_optimizer(self, name: str, lr: float):
        return make_optimizer(name, lr, self.theta.size, dtype=self.dtype)

    def clip(self, max_norm: float) -> float:
        """Rescale dθ to norm ≤ max_norm; return the norm before clipping."""
        return clip_by_norm(self.dtheta, max_norm)
