"""Why depth needs non-linearity and good initial weights (lecture: no-linealidad, inicialización,
desvanecimiento y explosión de gradiente).

Linear collapse: with g(z) = z every layer is Z = A W + b, so a whole linear network is one layer,
    X W1 W2 ... WL + b*  =  X W* + b*,     W* = W1 W2 ... WL,   b* = (..((b1 W2 + b2) W3 + b3)..)
the lecture's y = x·w1·w2 = x·w*, with 8x9 · 9x4 = 8x4.

Gradient size per layer: going back one layer multiplies δ by W[l]ᵀ and by g'(Z[l−1]). For the
sigmoid σ' ≤ 1/4, so with |w| < 1 the product shrinks layer after layer (vanishing gradient); with
large |w| it can grow instead (exploding gradient). ReLU's derivative is 1 where the unit is on.

Initialization: all-zero weights give every unit of a layer the same output and the same gradient,
so the units stay identical for ever (no symmetry breaking); tiny weights make signals and
gradients fade; Xavier (Var = 2/(n_in + n_out)) and He (Var = 2/n_in) keep them at a steady size.
"""

import numpy as np

from engine.backends import make_mlp
from engine.datasets import Dataset
from engine.spec import MLPSpec, to_targets
from engine.trainer import Trainer

LECTURE_COLLAPSE_SPEC = MLPSpec(
    n_in=8, hidden=(9,), n_out=4, activation="linear", output="linear", loss="mse"
)
COMPARED_INITS = ("zeros", "small", "xavier", "he", "large")


def collapse(params: dict[str, np.ndarray], n_layers: int) -> tuple[np.ndarray, np.ndarray]:
    """W* (n_0, n_L) and b* (n_L,) of the single layer a linear network is equal to."""
    W_star, b_star = params["W1"], params["b1"]
    for l in range(2, n_layers + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        W_star = W_star @ W  # (n_0, n_l)
        b_star = b_star @ W + b  # (n_l,)
    return W_star, b_star


def deep_spec(activation: str, init: str, depth: int, width: int = 16, n_in: int = 2) -> MLPSpec:
    """A deep binary classifier: `depth` hidden layers of `width` units, a sigmoid output."""
    return MLPSpec(
        n_in=n_in,
        hidden=(width,) * depth,
        n_out=1,
        activation=activation,
        output="sigmoid",
        loss="bce",
        init=init,
    )


def gradient_norms(spec: MLPSpec, X: np.ndarray, y: np.ndarray, seed: int = 0) -> np.ndarray:
    """‖dW[l]‖ (Frobenius) for l = 1..L at the initial weights, from one engine backward pass."""
    model = make_mlp(spec, seed=seed)
    model.backprop(model.asarray(X), model.asarray(to_targets(y, spec)))
    return np.array([np.linalg.norm(model.grads[f"W{l}"]) for l in range(1, spec.n_layers + 1)])


def train(
    spec: MLPSpec, data: Dataset, epochs: int, lr: float, seed: int = 0, batch_size: int = 10
) -> Trainer:
    """A Trainer (plain SGD) that has run `epochs` epochs on `data` from `spec`'s initial θ."""
    model = make_mlp(spec, seed=seed)
    trainer = Trainer(
        model,
        data.X_train,
        data.y_train,
        data.X_test,
        data.y_test,
        optimizer="sgd",
        lr=lr,
        batch_size=batch_size,
        seed=seed,
    )
    trainer.step(epochs)
    return trainer


def unit_spread(layer_outputs: list[np.ndarray]) -> np.ndarray:
    """Per layer, the largest gap between two units' outputs on one input (0: all identical)."""
    return np.array([float((A.max(axis=1) - A.min(axis=1)).max()) for A in layer_outputs])
