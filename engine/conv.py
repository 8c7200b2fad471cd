"""Convolution and pooling by hand, one window at a time (lecture: CNN, cálculo de un solo filtro).

The lecture slides a 3x3 filter over a 5x5 binary image: at each position the filter's weights
multiply the pixels under it, the nine products are summed, the bias is added, and the result fills
one cell of the convolved image. This module does exactly that with plain loops and records every
step (the patch, the products, the sum), so a page can replay it. As in every deep-learning library
the kernel is not flipped (strictly speaking this is cross-correlation).

The output side of a k x k window sliding with stride s over an n x n image padded by p is

    n_out = (n + 2p − k) / s + 1

and it must be a whole number: otherwise the last window would hang off the edge of the image.
The vectorized layers the networks train with are in `numpy_backend/conv.py`.
"""

from typing import NamedTuple

import numpy as np

POOL_MODES = ("max", "avg")

# Hand-made 3x3 filters from image processing: what a CNN's first layer often ends up learning.
CLASSIC_KERNELS = {
    "lecture": np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]]),  # the lecture's example filter
    "edges": np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]),  # outline: Laplacian
    "vertical": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),  # Sobel: left-to-right change
    "horizontal": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),  # Sobel: top-to-bottom change
    "blur": np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16,  # Gaussian blur
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]),
}


def output_size(n: int, k: int, stride: int, pad: int, exact: bool = True) -> int:
    """n_out = (n + 2p − k)/s + 1, with a ValueError naming what is wrong when it is invalid.

    With exact=False a fractional size is rounded down (the windows that would hang off the edge
    are dropped), as PyTorch does for pooling.
    """
    if stride < 1:
        raise ValueError(f"stride s must be at least 1; got {stride}")
    if pad < 0:
        raise ValueError(f"padding p must be 0 or more; got {pad}")
    if k < 1:
        raise ValueError(f"kernel size k must be at least 1; got {k}")
    if k > n + 2 * pad:
        raise ValueError(
            f"kernel size k = {k} is larger than the padded image n + 2p = {n + 2 * pad}: "
            "the window does not fit anywhere"
        )
    span = n + 2 * pad - k
    if exact and span % stride:
        raise ValueError(
            f"(n + 2p − k)/s + 1 = ({n} + {2 * pad} − {k})/{stride} + 1 = "
            f"{span / stride + 1:.2f} is not a whole number: the last window would hang "
            f"off the edge; choose a stride that divides n + 2p − k = {span}"
        )
    return span // stride + 1


class Step(NamedTuple):
    """One window position: output cell (row, col), its patch and what was computed there."""

    row: int
    col: int
    top: int  # first row of the patch in the padded image
    left: int  # first column of the patch in the padded image
    patch: np.ndarray  # (k, k) pixels under the window
    products: np.ndarray  # (k, k) kernel ⊙ patch (for pooling: the patch itself)
    value: float  # what goes into the output cell


class Trace(NamedTuple):
    """Everything a page needs to replay a convolution or a pooling step by step."""

    padded: np.ndarray  # (n + 2p, n + 2p) the input the window slides over
    steps: list[Step]
    out: np.ndarray  # (n_out, n_out)


def conv_trace(
    image: np.ndarray, kernel: np.ndarray, b: float = 0.0, stride: int = 1, pad: int = 0
) -> Trace:
    """Slide the kernel: out[i, j] = Σ_u Σ_v padded[i·s + u, j·s + v]·kernel[u, v] + b."""
    image, kernel = _square(image, "image"), _square(kernel, "kernel")
    output_size(image.shape[0], kernel.shape[0], stride, pad)  # a clear error if it cannot slide

    def window(patch: np.ndarray) -> tuple[np.ndarray, float]:
        products = patch * kernel  # (k, k) element-wise
        return products, products.sum() + b

    return slide(np.pad(image, pad), kernel.shape[0], stride, window)


def pool_trace(image: np.ndarray, size: int = 2, stride: int = 2, mode: str = "max") -> Trace:
    """Max or average pooling: each output cell is the max (or mean) of a size x size window."""
    if mode not in POOL_MODES:
        raise ValueError(f"pooling mode must be one of {', '.join(POOL_MODES)}; got {mode!r}")
    image = _square(image, "image")
    output_size(image.shape[0], size, stride, 0)
    reduce = np.max if mode == "max" else np.mean
    return slide(image, size, stride, lambda patch: (patch, reduce(patch)))


def slide(padded: np.ndarray, k: int, stride: int, window) -> Trace:
    """Move a k x k window over `padded` with stride s, row by row; at each position
    `window(patch)` returns what to show (the products) and the value of that output cell."""
    n_out = output_size(padded.shape[0], k, stride, 0)
    out = np.zeros((n_out, n_out))
    steps = []
    for i in range(n_out):
        for j in range(n_out):
            top, left = i * stride, j * stride
            patch = padded[top : top + k, left : left + k]  # (k, k)
            shown, out[i, j] = window(patch)
            steps.append(Step(i, j, top, left, patch, shown, float(out[i, j])))
    return Trace(padded, steps, out)


def _square(a: np.ndarray, name: str) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise ValueError(f"the {name} must be a square grid of numbers; got shape {a.shape}")
    if not np.isfinite(a).all():
        raise ValueError(f"the {name} must contain only numbers")
    return a
