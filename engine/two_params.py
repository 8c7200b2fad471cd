"""Exact error surfaces of two-parameter models, and gradient descent walking them (lecture:
regresión lineal y logística, regularización Ridge/Lasso/ElasticNet, descenso de gradiente).

A model with one input and one output, ŷ = g(w·x + b), has two parameters, so its whole surface
J(w, b) can be drawn. It is the engine's smallest MLP, MLPSpec(n_in=1, hidden=(), n_out=1) with
W1 = [[w]] and b1 = [b], θ = (w, b); every value here is the engine's own J and every step the
engine's own optimizer:

    linear regression     ŷ = w·x + b       J = (1/m) Σ (ŷ − y)²                            + λ term
    logistic regression   ŷ = σ(w·x + b)    J = −(1/m) Σ [y·log ŷ + (1 − y)·log(1 − ŷ)]    + λ term
    logistic with MSE     ŷ = σ(w·x + b)    J = (1/m) Σ (ŷ − y)²   (the lecture: not convex)

    λ term, on w only (the bias is never penalized): L2 (λ/(2m))·w², L1 (λ/m)·|w|, ElasticNet mixes.

With b free, the textbook's L2 circle and L1 diamond become a parabola and a V in w alone: L2 pulls
the minimum towards w = 0, L1 puts it exactly at w = 0 once λ is large enough.
"""

from dataclasses import replace
from typing import NamedTuple

import numpy as np
from scipy.special import expit

from engine.backends import make_mlp
from engine.landscape import loss_grid, plane_losses
from engine.numpy_backend.losses import penalty
from engine.spec import MLPSpec, to_targets
from engine.trainer import MAX_ABS_WEIGHT

MODELS = {
    "linear": ("linear", "mse"),
    "logistic": ("sigmoid", "bce"),
    "logistic_mse": ("sigmoid", "mse"),
}
MAX_POINTS = 1000
MAX_SURFACE_RESOLUTION = 201  # points per side of the exact surface
MAX_STEPS = 1000
E_W, E_B = np.array([1.0, 0.0]), np.array([0.0, 1.0])  # θ = (w, b): the axes of the (w, b) plane


class Data1D(NamedTuple):
    """A one-input data set: its task, the (w, b) view that shows its surface, a start point."""

    task: str  # "regression" or "classification"
    w_range: tuple[float, float]
    b_range: tuple[float, float]
    start: tuple[float, float]


DATASETS = {
    "line": Data1D("regression", (-2.0, 5.0), (-3.0, 5.0), (-1.5, -2.5)),
    "shifted_line": Data1D("regression", (-1.5, 3.5), (-6.0, 4.0), (-1.0, 3.0)),
    "overlap": Data1D("classification", (-3.0, 6.0), (-5.0, 5.0), (-2.0, 4.0)),
    "separable": Data1D("classification", (-2.0, 8.0), (-5.0, 5.0), (-1.5, 4.0)),
}


class Path(NamedTuple):
    """A gradient-descent run on the surface."""

    theta: np.ndarray  # (k + 1, 2): (w, b) at the start and after each step
    J: np.ndarray  # (k + 1,): the full-data J at each of them
    diverged_at: int | None  # the step after which J or θ blew up (None: it did not)


def spec_for(model: str, reg: str = "none", lam: float = 0.0, l1_ratio: float = 0.5) -> MLPSpec:
    """The 1-input, 1-output, no-hidden-layer MLP of a two-parameter model."""
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}; got {model!r}")
    output, loss = MODELS[model]
    spec = MLPSpec(1, (), 1, "linear", output, loss, reg, lam, l1_ratio)
    spec.validate()
    return spec


def make_data(name: str, n_points: int = 40, noise: float = 0.5, seed: int = 0):
    """X (m, 1) and y (m,): a noisy line y = a·x + c, or two classes on the x axis.

    line: x ~ U(−1, 1), y = 2x + 1 + ε.  shifted_line: x ~ U(1, 3), y = x − 1 + ε (x far from 0
    ties w and b together: a long, narrow valley). ε ~ N(0, noise²).
    overlap: x ~ N(∓1.5, (0.5 + 2·noise)²) for class 0/1.  separable: class 0 on [−4, −0.5], class 1
    on [0.5, 4]: J keeps falling as w grows, so without λ there is no minimum.
    """
    if name not in DATASETS:
        raise ValueError(f"data set must be one of {', '.join(DATASETS)}; got {name!r}")
    if not 4 <= n_points <= MAX_POINTS:
        raise ValueError(f"n_points must be between 4 and {MAX_POINTS}; got {n_points}")
    if not 0 <= noise <= 1:
        raise ValueError(f"noise must be between 0 and 1; got {noise}")
    rng = np.random.default_rng(seed)
    if name in ("line", "shifted_line"):
        lo, hi, a, c = (-1, 1, 2.0, 1.0) if name == "line" else (1, 3, 1.0, -1.0)
        x = rng.uniform(lo, hi, n_points)
        y = a * x + c + noise * rng.standard_normal(n_points)
    else:
        y = np.arange(n_points) % 2
        if name == "overlap":
            x = np.where(y == 1, 1.5, -1.5) + (0.5 + 2 * noise) * rng.standard_normal(n_points)
        else:
            x = np.where(y == 1, 1, -1) * rng.uniform(0.5, 4, n_points)
    return x.reshape(-1, 1), y


def check_fits(model: str, data: str) -> None:
    task = "regression" if model == "linear" else "classification"
    if DATASETS[data].task != task:
        raise ValueError(f"the {model} model needs {task} data; {data!r} is {DATASETS[data].task}")


def surface(spec: MLPSpec, X: np.ndarray, y: np.ndarray, w_axis, b_axis) -> np.ndarray:
    """J(w, b) on the grid w_axis x b_axis, in float64: (len(b_axis), len(w_axis))."""
    Y = to_targets(y, spec)
    origin = np.zeros(2)
    return loss_grid(
        spec, origin, E_W, E_B, w_axis, b_axis, X, Y, MAX_SURFACE_RESOLUTION, dtype=np.float64
    )


def losses_at(spec: MLPSpec, X: np.ndarray, y: np.ndarray, points: np.ndarray) -> np.ndarray:
    """J at each (w, b) row of points (k, 2), in float64: (k,)."""
    if len(points) == 0:
        return np.zeros(0)
    Y = to_targets(y, spec)
    return plane_losses(spec, np.zeros(2), E_W, E_B, points, X, Y, dtype=np.float64)


def descent_path(
    spec: MLPSpec,
    X: np.ndarray,
    y: np.ndarray,
    start: tuple[float, float],
    optimizer: str = "sgd",
    lr: float = 0.1,
    steps: int = 100,
    batch_size: int | None = None,
    seed: int = 0,
) -> Path:
    """Run the engine's optimizer from start = (w, b): θ := step(θ, dJ/dθ), `steps` times.

    batch_size None is full-batch gradient descent; smaller batches take each step from a
    minibatch (shuffled every epoch, seeded), while J is always measured on all the data.
    Stops at the first step where J or θ stops being finite or |θ| passes MAX_ABS_WEIGHT.
    """
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be between 1 and {MAX_STEPS}; got {steps}")
    start = np.asarray(start, dtype=np.float64)
    if start.shape != (2,) or not np.all(np.isfinite(start)):
        raise ValueError(f"the start point must be two finite numbers (w, b); got {start}")
    m = len(y)
    size = m if batch_size is None else batch_size
    if not 1 <= size <= m:
        raise ValueError(f"batch_size must be between 1 and {m}; got {batch_size}")
    Y = to_targets(y, spec)
    model = make_mlp(spec, params={"W1": start[:1].reshape(1, 1), "b1": start[1:]})
    opt = model.make_optimizer(optimizer, lr)
    rng = np.random.default_rng(seed)
    thetas, Js, order = [start], [model.loss(X, Y)], np.arange(0)
    for step in range(1, steps + 1):
        if order.size == 0:
            order = np.arange(m) if size == m else rng.permutation(m)
        batch, order = order[:size], order[size:]
        model.backprop(X[batch], Y[batch])
        opt.step(model.theta, model.dtheta)
        theta, J = model.get_theta(), model.loss(X, Y)
        if not (np.isfinite(J) and np.all(np.isfinite(theta))):
            return Path(np.array(thetas), np.array(Js), step)
        thetas.append(theta)
        Js.append(J)
        if np.abs(theta).max() > MAX_ABS_WEIGHT:
            return Path(np.array(thetas), np.array(Js), step)
    return Path(np.array(thetas), np.array(Js), None)


def clip_to_view(points: np.ndarray, w_range, b_range) -> tuple[np.ndarray, int | None]:
    """The path up to where it first leaves the view, ending on the view's edge.

    Returns the points (k, 2) and the index of the first point outside (None if it stays in).
    """
    lo = np.array([w_range[0], b_range[0]])
    hi = np.array([w_range[1], b_range[1]])
    outside = np.any((points < lo) | (points > hi), axis=1)
    if not outside.any():
        return points, None
    k = int(np.argmax(outside))
    if k == 0:
        return points[:0], 0
    p, q = points[k - 1], points[k]
    step = q - p
    with np.errstate(divide="ignore", invalid="ignore"):
        t_edge = np.where(step > 0, (hi - p) / step, np.where(step < 0, (lo - p) / step, np.inf))
    edge = p + min(1.0, float(t_edge.min())) * step
    return np.vstack([points[:k], edge]), k


def hessian(spec: MLPSpec, X: np.ndarray, y: np.ndarray, theta) -> np.ndarray:
    """∂²J/∂(w, b)² at θ = (w, b), (2, 2): (1/m) Σ ℓ''(z_i)·[x², x; x, 1] plus the L2 part of λ.

    ℓ''(z) is the loss's second derivative in z = w·x + b: 2 (MSE, linear), σ'(z) (cross-entropy),
    2(σ'² + (σ − y)·σ'·(1 − 2σ)) (MSE after σ, which can be negative: not convex).
    """
    x, Yv = X[:, 0], to_targets(y, spec)[:, 0]
    z = theta[0] * x + theta[1]
    scale = 0.5 if spec.loss == "half_mse" else 1.0
    if spec.output == "linear":
        curv = np.full_like(x, 2 * scale)
    else:
        s = expit(z)
        ds = s * (1 - s)
        curv = ds if spec.loss == "bce" else 2 * scale * (ds * ds + (s - Yv) * ds * (1 - 2 * s))
    H = np.array([[np.mean(curv * x * x), np.mean(curv * x)], [np.mean(curv * x), np.mean(curv)]])
    l2_share = {"l2": 1.0, "elasticnet": 1 - spec.l1_ratio}.get(spec.reg, 0.0)
    H[0, 0] += l2_share * spec.lam / len(x)
    return H


def behaviour(spec: MLPSpec, X, y, path: Path, w_range, b_range) -> str:
    """What a path does: 'too_large' (it diverges or leaves the view), 'oscillating' (its steps
    keep flipping across the valley: along the steepest direction, the Hessian's top eigenvector
    where the path ends) or 'smooth'."""
    if path.diverged_at is not None or clip_to_view(path.theta, w_range, b_range)[1] is not None:
        return "too_large"
    steepest = np.linalg.eigh(hessian(spec, X, y, path.theta[-1]))[1][:, -1]  # (2,)
    across = np.diff(path.theta, axis=0) @ steepest  # (k,): each step's move across the valley
    big = np.abs(across[1:]) > 1e-3 * max(np.abs(across).max(initial=0.0), 1e-300)
    flips = across[1:] * across[:-1] < 0
    return "oscillating" if big.any() and flips[big].mean() > 0.5 else "smooth"


def lr_presets(spec: MLPSpec, X, y, start, w_range, b_range, steps: int = 100) -> dict[str, float]:
    """Learning rates that show the four behaviours, found by trying them on this very surface.

    Candidates grow by √2 from (1/16)/L to 512/L, L the largest curvature at the start (top
    eigenvalue of the Hessian; gradient descent on a bowl converges for α < 2/L). 'good' is half
    the largest rate that still goes smoothly (a curved, unhurried path), 'too_small' a 30th of
    it, 'oscillating' the first that zigzags, 'too_large' the first that leaves the view or
    diverges. When a behaviour never shows (a cross-entropy path may leave the view before it
    zigzags), its rate falls in between; the page labels each path by what it really does.
    """
    L = max(float(np.linalg.eigvalsh(hessian(spec, X, y, start)).max()), 1e-6)
    found: dict[str, float] = {}
    smooth = float(2.0**-4 / L)  # the largest rate seen going smoothly
    for lr in np.minimum(2.0 ** np.arange(-4, 9.5, 0.5) / L, 1e3):
        path = descent_path(spec, X, y, start, "sgd", lr, steps)
        kind = behaviour(spec, X, y, path, w_range, b_range)
        if kind != "smooth":
            found.setdefault(kind, float(lr))
        elif "oscillating" not in found:
            smooth = float(lr)
        if kind == "too_large" or lr >= 1e3:
            break
    found["good"] = smooth / 2
    found["too_small"] = smooth / 30
    found.setdefault("too_large", 1e3)
    found.setdefault("oscillating", float(np.sqrt(smooth * found["too_large"])))
    return {k: found[k] for k in ("too_small", "good", "oscillating", "too_large")}


class Minima(NamedTuple):
    """The lowest point of J in the view for each λ (the regularization path)."""

    lams: np.ndarray  # (k,)
    w: np.ndarray  # (k,)
    b: np.ndarray  # (k,)
    J: np.ndarray  # (k,)
    at_edge: np.ndarray  # (k,) bool: on the view's border, so J may go lower outside it


def minimum_path(
    spec: MLPSpec, X, y, w_range, b_range, lams, resolution: int = MAX_SURFACE_RESOLUTION
) -> Minima:
    """Where the minimum of J = data loss + λ term sits in the view, for each λ in lams.

    The data loss is computed once on a fine grid whose w axis passes through w = 0 (L1's corner),
    then each λ adds its penalty, which depends on w alone.
    """
    h = (w_range[1] - w_range[0]) / (resolution - 1)
    w_axis = h * np.arange(np.ceil(w_range[0] / h), np.floor(w_range[1] / h) + 1)  # holds w = 0
    b_axis = np.linspace(*b_range, resolution)
    D = surface(replace(spec, reg="none"), X, y, w_axis, b_axis)  # (n_b, n_w): the data loss
    out = []
    for lam in lams:
        W = w_axis.reshape(-1, 1, 1)  # (n_w, 1, 1): one 1x1 weight matrix per w
        P = penalty(spec.reg, float(lam), spec.l1_ratio, [W], len(y), stacked=True)
        J = D + P  # (n_b, n_w)
        j, i = np.unravel_index(np.argmin(J), J.shape)
        edge = i in (0, len(w_axis) - 1) or j in (0, len(b_axis) - 1)
        out.append((w_axis[i], b_axis[j], J[j, i], edge))
    w, b, J, edge = (np.array(v) for v in zip(*out, strict=True))
    return Minima(np.asarray(lams, dtype=float), w, b, J, edge.astype(bool))
