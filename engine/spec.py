"""What an MLP is made of (lecture: layers, activations, loss with its λ term, initialization).

`MLPSpec` is the one description both engines build from. `initial_params` draws the starting
weights with NumPy for both engines, so a NumPy network and a torch network can start from the very
same numbers. Weights are W^[l]: (n_{l−1}, n_l) and biases b^[l]: (n_l,), so Z = A_prev @ W + b.
"""

from dataclasses import dataclass

import numpy as np

HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "linear")
OUTPUTS = ("sigmoid", "tanh", "softmax", "linear")
LOSSES = ("bce", "cce", "mse", "half_mse")
REGULARIZERS = ("none", "l1", "l2", "elasticnet")
INITS = ("xavier", "he", "uniform", "zeros", "small", "large")
MAX_LAYERS = 10
MAX_WIDTH = 1024
MAX_INPUTS = 4096


@dataclass(frozen=True)
class MLPSpec:
    """Sizes, activation, output and loss, regularization (λ, type) and initialization."""

    n_in: int = 2
    hidden: tuple[int, ...] = (4, 2)
    n_out: int = 1
    activation: str = "tanh"
    output: str = "sigmoid"
    loss: str = "bce"
    reg: str = "none"
    lam: float = 0.0
    l1_ratio: float = 0.5
    init: str = "xavier"

    def validate(self) -> None:
        check_int("n_in", self.n_in, 1, MAX_INPUTS)
        check_int("n_out", self.n_out, 1, MAX_WIDTH)
        if len(self.hidden) > MAX_LAYERS:
            raise ValueError(f"hidden: at most {MAX_LAYERS} hidden layers; got {len(self.hidden)}")
        for width in self.hidden:
            check_int("hidden layer width", width, 1, MAX_WIDTH)
        check_choice("activation", self.activation, HIDDEN_ACTIVATIONS)
        check_choice("output", self.output, OUTPUTS)
        check_choice("loss", self.loss, LOSSES)
        check_choice("reg", self.reg, REGULARIZERS)
        check_choice("init", self.init, INITS)
        if self.loss == "bce" and self.output != "sigmoid":
            raise ValueError("loss 'bce' (binary cross-entropy) needs the sigmoid output")
        if self.loss == "cce" and self.output != "softmax":
            raise ValueError("loss 'cce' (categorical cross-entropy) needs the softmax output")
        if self.output == "softmax" and self.n_out < 2:
            raise ValueError("output 'softmax' needs n_out >= 2 classes")
        if not (np.isfinite(self.lam) and 0 <= self.lam <= 100):
            raise ValueError(f"λ (lam) must be a number between 0 and 100; got {self.lam}")
        if not 0 <= self.l1_ratio <= 1:
            raise ValueError(f"l1_ratio must be between 0 and 1; got {self.l1_ratio}")

    @property
    def sizes(self) -> tuple[int, ...]:
        """Layer sizes n_0 (inputs), n_1, ..., n_L (outputs)."""
        return (self.n_in, *self.hidden, self.n_out)

    @property
    def n_layers(self) -> int:
        """L: the number of weight matrices."""
        return len(self.hidden) + 1

    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        """{"W1": (n_0, n_1), "b1": (n_1,), ..., "WL": ..., "bL": ...}."""
        shapes = {}
        for l, (n_prev, n) in enumerate(zip(self.sizes, self.sizes[1:], strict=False), start=1):
            shapes[f"W{l}"] = (n_prev, n)
            shapes[f"b{l}"] = (n,)
        return shapes

    def n_params(self) -> int:
        return sum(int(np.prod(s)) for s in self.param_shapes().values())


def check_int(name: str, value, low: int, high: int) -> None:
    is_int = isinstance(value, int | np.integer) and not isinstance(value, bool)
    if not is_int or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number between {low} and {high}; got {value!r}")


def check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}")


def initial_params(spec: MLPSpec, seed: int = 0) -> dict[str, np.ndarray]:
    """Starting weights (float64) drawn as `spec.init` says; biases start at 0.

    xavier:  W ~ N(0, 2/(n_in + n_out))      (the lecture's Var(W) = 2/(n_in + n_out))
    he:      W ~ N(0, 2/n_in)                (suits ReLU)
    uniform: W ~ U(−a, a), a = √(6/(n_in + n_out))   (Glorot's uniform: xavier's variance)
    zeros:   W = 0                           (hidden units stay identical: no symmetry breaking)
    small:   W ~ N(0, 0.01²)                 (signals and gradients fade layer by layer)
    large:   W ~ N(0, 2²)                    (saturated σ/tanh, exploding products)
    """
    spec.validate()
    rng = np.random.default_rng(seed)
    params = {}
    for name, shape in spec.param_shapes().items():
        if name.startswith("b"):
            params[name] = np.zeros(shape)
            continue
        n_in, n_out = shape
        params[name] = draw_weights(spec.init, n_in, n_out, rng)
    return params


def draw_weights(init: str, n_in: int, n_out: int, rng) -> np.ndarray:
    """One weight matrix (n_in, n_out) drawn by the named scheme."""
    if init == "zeros":
        return np.zeros((n_in, n_out))
    if init == "uniform":
        a = np.sqrt(6 / (n_in + n_out))
        return rng.uniform(-a, a, (n_in, n_out))
    std = {
        "xavier": np.sqrt(2 / (n_in + n_out)),
        "he": np.sqrt(2 / n_in),
        "small": 0.01,
        "large": 2.0,
    }[init]
    return std * rng.standard_normal((n_in, n_out))


def to_targets(y: np.ndarray, spec: MLPSpec) -> np.ndarray:
    """Labels (m,) as the output layer's targets Y: one-hot (m, K) for softmax, else (m, 1).

    A tanh output learns the labels 0/1 as −1/+1 (TensorFlow Playground's convention).
    """
    y = np.asarray(y)
    if spec.output == "softmax":
        if y.min() < 0 or y.max() >= spec.n_out:
            raise ValueError(f"labels must be class numbers 0..{spec.n_out - 1}")
        return np.eye(spec.n_out)[y.astype(int)]  # (m, K)
    if spec.output == "tanh":
        return (2.0 * y - 1).reshape(-1, 1)  # (m, 1)
    return y.reshape(-1, 1).astype(float)  # (m, 1)
