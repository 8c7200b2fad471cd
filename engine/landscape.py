"""Slices of a network's loss surface (lecture: navegando la superficie de error con gradientes).

A network has thousands of weights, so its surface J(θ) cannot be drawn; a plane through it can:

    f(α, β) = J(θ* + α·δ + β·η)

around the current weights θ*, along two directions δ and η (flat vectors laid out like θ):

- filter-normalized random directions (Li et al., 2018, "Visualizing the Loss Landscape of Neural
  Nets"): each neuron's incoming weights in δ are rescaled to the norm of that neuron's trained
  weights, and the bias directions are zero, so a step of α = 1 means "as large as the weights";
- the two main PCA directions of the recorded trajectory θ_0, ..., θ_T (the rows θ_i − θ*),
  the plane that holds as much of the path as any plane through θ* can.

The trajectory is projected on the plane, and `PlaneFit.share` says honestly how much of its squared
distance from θ* the plane explains. `interpolation` is the 1-D view J((1 − t)·θ_0 + t·θ_1).
The points are evaluated in batches by engine/numpy_backend/landscape.py (or the torch twin).
"""

from itertools import pairwise
from typing import NamedTuple

import numpy as np

from engine.backends import make_mlp
from engine.params import views
from engine.spec import MLPSpec

MAX_SLICE_RESOLUTION = 101  # points per side of a slice grid
MAX_SLICE_WORK = 1e10  # multiply-adds per slice (points x examples x weights); 784-512-10: 3.7e9
MIN_PCA_SNAPSHOTS = 3


class PlaneFit(NamedTuple):
    """Where the trajectory lies on the plane, and how much of it the plane holds."""

    coords: np.ndarray  # (T, 2): (α_i, β_i) of each θ_i, by least squares
    share: float  # Σ‖projection of θ_i − θ*‖² / Σ‖θ_i − θ*‖²: 1 means the path lies in the plane
    off_plane: np.ndarray  # (T,): ‖θ_i − its projection‖, how far each point is from the plane


def plane_losses(
    spec: MLPSpec,
    theta: np.ndarray,
    delta: np.ndarray,
    eta: np.ndarray,
    points: np.ndarray,
    X: np.ndarray,
    Y: np.ndarray,
    backend: str = "numpy",
    device: str = "cpu",
    dtype=np.float32,
) -> np.ndarray:
    """f(α, β) = J(θ + α·δ + β·η) (with the λ term) at each row of points (n, 2): (n,) float64.

    X (m, n_0) inputs, Y (m, n_L) targets (engine.spec.to_targets). Refuses more than
    MAX_SLICE_WORK multiply-adds, so one request cannot hold the server for minutes.
    """
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if not np.all(np.isfinite(points)):
        raise ValueError("points: every (α, β) must be a finite number")
    check_work(spec, len(points), len(X))
    theta, delta, eta = (np.asarray(v, dtype=np.float64) for v in (theta, delta, eta))
    for name, v in (("θ", theta), ("δ", delta), ("η", eta)):
        if v.shape != (spec.n_params(),):
            raise ValueError(f"{name} must have {spec.n_params()} entries; got shape {v.shape}")
    if backend == "torch":
        from engine.torch_backend.landscape import plane_losses as evaluate
    elif backend == "numpy":
        from engine.numpy_backend.landscape import plane_losses as evaluate
    else:
        raise ValueError(f"backend must be 'numpy' or 'torch'; got {backend!r}")
    return evaluate(spec, theta, delta, eta, points, X, Y, dtype=dtype, device=device)


def check_work(spec: MLPSpec, n_points: int, m: int) -> None:
    """Refuse a slice that needs more than MAX_SLICE_WORK multiply-adds, stating the limit.

    Per point: m examples x (n_1 for the first layer, whose products with X are shared, plus
    n_{l−1}·n_l for each deeper layer), plus every weight once more when there is a λ term.
    """
    sizes = spec.sizes
    per_example = sizes[1] + sum(a * b for a, b in pairwise(sizes[1:]))
    per_point = m * per_example + (spec.n_params() if spec.reg != "none" else 0)
    work = n_points * per_point
    if work > MAX_SLICE_WORK:
        raise ValueError(
            f"this slice needs {work:.2g} multiply-adds ({n_points} points x {m} examples); "
            f"the server's limit is {MAX_SLICE_WORK:.0e}: use fewer grid points or fewer examples"
        )


def loss_grid(
    spec: MLPSpec,
    theta: np.ndarray,
    delta: np.ndarray,
    eta: np.ndarray,
    alphas: np.ndarray,
    betas: np.ndarray,
    X: np.ndarray,
    Y: np.ndarray,
    max_resolution: int = MAX_SLICE_RESOLUTION,
    **engine,
) -> np.ndarray:
    """f on the grid alphas x betas: F (len(betas), len(alphas)), F[j, i] = f(α_i, β_j)."""
    for name, axis in (("α axis", alphas), ("β axis", betas)):
        check_axis(name, axis, max_resolution)
    A, B = np.meshgrid(alphas, betas)  # (n_β, n_α)
    points = np.column_stack([A.ravel(), B.ravel()])
    return plane_losses(spec, theta, delta, eta, points, X, Y, **engine).reshape(A.shape)


def check_axis(name: str, axis: np.ndarray, max_resolution: int) -> None:
    """A grid axis: 2 to max_resolution finite, increasing values."""
    axis = np.asarray(axis, dtype=float)
    if axis.ndim != 1 or not 2 <= len(axis) <= max_resolution:
        raise ValueError(
            f"{name}: a grid takes 2 to {max_resolution} points a side; got {axis.size}"
        )
    if not (np.all(np.isfinite(axis)) and np.all(np.diff(axis) > 0)):
        raise ValueError(f"{name} must be finite and increasing")


def filter_normalized_directions(
    spec: MLPSpec, theta: np.ndarray, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two random directions δ, η, filter-normalized (Li et al., 2018).

    For every weight matrix W (n_in, n_out), column j holds the weights into neuron j: the random
    column d_j ~ N(0, I) is rescaled to d_j · ‖W_j‖ / ‖d_j‖. Bias directions are zero.
    """
    rng = np.random.default_rng(seed)
    shapes = spec.param_shapes()
    P = views(np.asarray(theta, dtype=np.float64), shapes)
    directions = []
    for _ in range(2):
        d = np.zeros(spec.n_params())  # (P,)
        D = views(d, shapes)
        for name, W in P.items():
            if name.startswith("W"):
                R = rng.standard_normal(W.shape)  # (n_in, n_out)
                D[name][...] = R * (np.linalg.norm(W, axis=0) / np.linalg.norm(R, axis=0))
        directions.append(d)
    return directions[0], directions[1]


def pca_directions(thetas: np.ndarray, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two main directions of the trajectory around θ*: top right singular vectors of the rows
    θ_i − θ* (Li et al., 2018, section 7). Signed so that the start θ_0 has α ≤ 0 and β ≤ 0, and
    the path runs towards the centre from the lower left.
    """
    M = np.asarray(thetas, dtype=np.float64) - theta  # (T, P)
    if len(M) < MIN_PCA_SNAPSHOTS:
        raise ValueError(
            f"PCA directions need a trajectory of at least {MIN_PCA_SNAPSHOTS} recorded epochs; "
            f"got {len(M)}: train for longer"
        )
    _, s, Vt = np.linalg.svd(M, full_matrices=False)  # M = U·diag(s)·Vt
    if len(s) < 2 or s[1] <= 1e-12 * max(s[0], 1e-300):
        raise ValueError("the trajectory has not moved in two directions yet: train for longer")
    delta, eta = Vt[0], Vt[1]  # (P,) each, orthonormal
    start = M[0]
    return delta * (-1 if start @ delta > 0 else 1), eta * (-1 if start @ eta > 0 else 1)


def project(thetas: np.ndarray, theta: np.ndarray, delta: np.ndarray, eta: np.ndarray) -> PlaneFit:
    """The trajectory on the plane θ* + α·δ + β·η: least-squares (α_i, β_i) and what is left."""
    M = np.asarray(thetas, dtype=np.float64) - theta  # (T, P)
    B = np.column_stack([delta, eta])  # (P, 2)
    coords = np.linalg.lstsq(B, M.T, rcond=None)[0].T  # (T, 2)
    residual = M - coords @ B.T  # (T, P)
    total = float((M * M).sum())
    share = 1.0 if total == 0 else 1.0 - float((residual * residual).sum()) / total
    return PlaneFit(coords, share, np.linalg.norm(residual, axis=1))


def span(values: np.ndarray, margin: float = 0.25, minimum: float = 1e-3) -> tuple[float, float]:
    """A symmetric-enough range around 0 that holds all values with a margin (for a PCA slice)."""
    values = np.append(np.asarray(values, dtype=float), 0.0)
    lo, hi = float(values.min()), float(values.max())
    pad = max(margin * (hi - lo), minimum)
    return lo - pad, hi + pad


def path_losses(spec: MLPSpec, thetas: np.ndarray, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """The engine's own J at each θ_i of a trajectory (T,): the truth beside the slice's values."""
    model = make_mlp(spec)
    J = []
    for theta in thetas:
        model.set_theta(theta)
        J.append(model.loss(X, Y))
    return np.array(J)


def interpolation(
    spec: MLPSpec,
    theta_0: np.ndarray,
    theta_1: np.ndarray,
    ts: np.ndarray,
    X: np.ndarray,
    Y: np.ndarray,
    **engine,
) -> np.ndarray:
    """J((1 − t)·θ_0 + t·θ_1) for each t (Goodfellow et al., 2015): (len(ts),)."""
    ts = np.asarray(ts, dtype=np.float64)
    check_axis("t", ts, 10 * MAX_SLICE_RESOLUTION)
    theta_0 = np.asarray(theta_0, dtype=np.float64)
    direction = np.asarray(theta_1, dtype=np.float64) - theta_0  # (P,)
    points = np.column_stack([ts, np.zeros_like(ts)])
    return plane_losses(spec, theta_0, direction, np.zeros_like(direction), points, X, Y, **engine)
