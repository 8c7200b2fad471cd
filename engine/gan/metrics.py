"""How close G's samples are to the real ones: KL and JS divergence between the two histograms on
a grid over [-1, 1]², each built from all of its samples, and D's accuracy on real and fake."""

import numpy as np

BINS = 30  # a 30 x 30 grid of cells, 1/15 wide
SMOOTH = 1e-3  # share of a uniform density mixed into q, so that KL(p || q) stays finite


def histogram(X: np.ndarray, bins: int = BINS) -> np.ndarray:
    """The share of the points X (m, 2) in each cell of the grid, (bins, bins), summing to 1 over
    the points inside the square (G's tanh keeps all of its samples there)."""
    H, _, _ = np.histogram2d(X[:, 0], X[:, 1], bins=bins, range=[[-1, 1], [-1, 1]])
    return H / max(H.sum(), 1.0)


def kl(p: np.ndarray, q: np.ndarray) -> float:
    """KL(p || q) = Σ p log(p / q) over the cells where p > 0 (natural log)."""
    keep = p > 0
    return float(np.sum(p[keep] * np.log(p[keep] / q[keep])))


def divergences(X_real: np.ndarray, X_fake: np.ndarray) -> tuple[float, float]:
    """(KL(p_data || p_g), JS(p_data, p_g)) from the two histograms; q is mixed with SMOOTH of the
    uniform density for KL only (JS needs no smoothing: its mixture m is never 0 where p is not)."""
    p, q = histogram(X_real), histogram(X_fake)
    q_smooth = (1.0 - SMOOTH) * q + SMOOTH / q.size
    mix = 0.5 * (p + q)
    js = 0.5 * kl(p, mix) + 0.5 * kl(q, mix)
    return kl(p, q_smooth), js


def accuracy(D_real: np.ndarray, D_fake: np.ndarray) -> tuple[float, float]:
    """D's accuracy on real samples (D(x) > 0.5) and on fake ones (D(G(z)) < 0.5)."""
    return float(np.mean(D_real > 0.5)), float(np.mean(D_fake < 0.5))
