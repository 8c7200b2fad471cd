"""The real distributions of the GAN lab: points in the square [-1, 1]², where G's tanh output
lives. Each is a sampler `sample(name, m, rng) -> X (m, 2)`; every draw goes through `rng`."""

import numpy as np

DATASETS = ("line", "two_gaussians", "ring", "three_blobs", "eight_gaussians")
N_REAL = (
    5000  # the real samples x ~ p_data: D's batches are drawn from them, and the metrics use all
)


def _mixture(centres: np.ndarray, std: float, m: int, rng: np.random.Generator) -> np.ndarray:
    """m points from equal-weight isotropic Gaussians at `centres` (k, 2)."""
    which = rng.integers(0, len(centres), size=m)  # (m,)
    return centres[which] + std * rng.standard_normal((m, 2))  # (m, 2)


def _line(m: int, rng: np.random.Generator) -> np.ndarray:
    t = rng.uniform(-0.7, 0.7, size=m)  # (m,) position along the segment
    return np.c_[t, 0.5 * t] + 0.02 * rng.standard_normal((m, 2))


def _ring(m: int, rng: np.random.Generator) -> np.ndarray:
    angle = rng.uniform(0.0, 2.0 * np.pi, size=m)
    r = 0.6 + 0.04 * rng.standard_normal(m)
    return np.c_[r * np.cos(angle), r * np.sin(angle)]


def _on_circle(k: int, radius: float) -> np.ndarray:
    angles = 2.0 * np.pi * np.arange(k) / k
    return radius * np.c_[np.cos(angles), np.sin(angles)]  # (k, 2)


def sample(name: str, m: int, rng: np.random.Generator) -> np.ndarray:
    """m real samples of the named distribution, (m, 2)."""
    if name == "line":
        return _line(m, rng)
    if name == "two_gaussians":
        return _mixture(np.array([[-0.5, -0.35], [0.5, 0.35]]), 0.1, m, rng)
    if name == "ring":
        return _ring(m, rng)
    if name == "three_blobs":
        return _mixture(np.array([[-0.55, -0.4], [0.55, -0.4], [0.0, 0.55]]), 0.07, m, rng)
    if name == "eight_gaussians":
        return _mixture(_on_circle(8, 0.7), 0.04, m, rng)
    raise ValueError(f"unknown data set {name!r}")


def noise(kind: str, dim: int, m: int, rng: np.random.Generator) -> np.ndarray:
    """The generator's input z ~ p_z: uniform on [-1, 1]^dim or standard Gaussian, (m, dim)."""
    if kind == "uniform":
        return rng.uniform(-1.0, 1.0, size=(m, dim))
    if kind == "gaussian":
        return rng.standard_normal((m, dim))
    raise ValueError(f"unknown noise {kind!r}")
