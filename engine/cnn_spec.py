"""What a small CNN is made of (lecture: capa convolucional, de agrupamiento, totalmente conectada).

    X (m, 1, n, n) ─► [conv k x k, n_F filters, 'same' padding ─► ReLU ─► pool 2x2, stride 2] × L
                   ─► flatten ─► fully connected Z = A @ W + b ─► softmax Ŷ

`CNNSpec` is the one description both engines build from; `initial_params` draws the starting
weights with NumPy for both, so a NumPy CNN and a torch CNN can start from the very same numbers.
Block l has W{l}: (n_F, n_C_prev, k, k) and b{l}: (n_F,); the fully connected layer after L blocks
is W{L+1}: (n_F·n_H·n_W, n_classes), b{L+1}: (n_classes,), rows are examples as in the MLP.
"""

from dataclasses import dataclass

import numpy as np

from engine.conv import POOL_MODES
from engine.params import size
from engine.spec import check_choice, check_int, draw_weights

POOL_SIZE = 2  # every block pools 2x2 windows with stride 2 (the lecture's example)
KERNEL_SIZES = (1, 3, 5, 7)  # odd, so that 'same' padding (k − 1)/2 keeps n_H x n_W
MAX_BLOCKS = 3
MAX_FILTERS = 64


@dataclass(frozen=True)
class CNNSpec:
    """Input size, filters per block, kernel size, pooling, number of classes and λ (L2)."""

    in_size: int = 8
    filters: tuple[int, ...] = (8,)
    k: int = 3
    pool: str = "max"
    n_classes: int = 10
    lam: float = 0.0

    def validate(self) -> None:
        check_int("image size", self.in_size, 2, 64)
        if not 1 <= len(self.filters) <= MAX_BLOCKS:
            raise ValueError(f"filters: 1 to {MAX_BLOCKS} convolution blocks; got {self.filters}")
        for n_F in self.filters:
            check_int("number of filters", n_F, 1, MAX_FILTERS)
        if self.k not in KERNEL_SIZES:
            raise ValueError(f"kernel size k must be one of {KERNEL_SIZES}; got {self.k!r}")
        if self.k > self.in_size:
            raise ValueError(f"kernel size k = {self.k} is larger than the image ({self.in_size})")
        check_choice("pooling", self.pool, POOL_MODES)
        check_int("number of classes", self.n_classes, 2, 100)
        if self.map_sizes[-1] < 1:
            raise ValueError(
                f"{len(self.filters)} pooling steps shrink a {self.in_size}x{self.in_size} "
                "image to nothing: use fewer convolution blocks"
            )
        if not (np.isfinite(self.lam) and 0 <= self.lam <= 100):
            raise ValueError(f"λ (lam) must be a number between 0 and 100; got {self.lam}")

    @property
    def output(self) -> str:
        """The output layer is always softmax (so `engine.spec.to_targets` and `metrics` apply)."""
        return "softmax"

    @property
    def n_out(self) -> int:
        return self.n_classes

    @property
    def pad(self) -> int:
        """'same' padding: (n + 2p − k)/1 + 1 = n."""
        return (self.k - 1) // 2

    @property
    def n_blocks(self) -> int:
        return len(self.filters)

    @property
    def map_sizes(self) -> tuple[int, ...]:
        """Side of the feature maps entering each block, and after the last pooling."""
        sizes = [self.in_size]
        for _ in self.filters:
            sizes.append(sizes[-1] // POOL_SIZE)  # 2x2 pooling halves the side, rounding down
        return tuple(sizes)

    @property
    def n_flat(self) -> int:
        """Inputs of the fully connected layer: n_F · n_H · n_W after the last pooling."""
        return self.filters[-1] * self.map_sizes[-1] ** 2

    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        """{"W1": (n_F1, 1, k, k), "b1": (n_F1,), ..., "W{L+1}": (n_flat, K), "b{L+1}": (K,)}."""
        shapes, n_C = {}, 1
        for l, n_F in enumerate(self.filters, start=1):
            shapes[f"W{l}"], shapes[f"b{l}"] = (n_F, n_C, self.k, self.k), (n_F,)
            n_C = n_F
        L = self.n_blocks + 1
        shapes[f"W{L}"], shapes[f"b{L}"] = (self.n_flat, self.n_classes), (self.n_classes,)
        return shapes

    def n_params(self) -> int:
        return size(self.param_shapes())


def initial_params(spec: CNNSpec, seed: int = 0) -> dict[str, np.ndarray]:
    """Starting weights (float64); biases start at 0.

    Convolutions use He's N(0, 2/fan_in) with fan_in = n_C·k² (they feed a ReLU); the softmax
    layer uses the lecture's Xavier N(0, 2/(n_in + n_out)).
    """
    spec.validate()
    rng = np.random.default_rng(seed)
    return {
        name: _draw(shape, rng) if name.startswith("W") else np.zeros(shape)
        for name, shape in spec.param_shapes().items()
    }


def _draw(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    if len(shape) == 2:  # the fully connected softmax layer (n_flat, K)
        return draw_weights("xavier", *shape, rng)
    n_F, n_C, k, _ = shape
    W = draw_weights("he", n_C * k * k, n_F, rng)  # (n_C·k·k, n_F), one column per filter
    return W.T.reshape(shape)  # (n_F, n_C, k, k)
