"""Ridge, Lasso and ElasticNet solved exactly, over a grid of λ (seed 001, "Taller Lasso y Ridge").

Coordinate descent minimizes J(θ) of engine.workshops.linear one θ_j at a time, holding the others:
with the data centred (θ0 = ȳ − x̄ᵀθ drops out), G = XᵀX/m and c = Xᵀy/m,

    ρ_j = c_j − Σ_{k≠j} G_jk θ_k
    θ_j = S(ρ_j, λ r) / (G_jj + λ (1 − r)),      S(u, t) = sign(u) · max(|u| − t, 0)

The soft threshold S sets θ_j to exactly 0 whenever |ρ_j| ≤ λr: that is how Lasso drops a
feature. This is the algorithm of scikit-learn's Lasso, ElasticNet and lasso_path/enet_path, with
the same λ (their alpha; see linear.py for Ridge's). A path walks λ from large to small, each
solution the start of the next (warm start). Cross-validation (the lecture: "se usa
Cross-Validation") fits every λ on k − 1 folds and measures the error on the one left out.
"""

from dataclasses import dataclass

import numpy as np

from engine.workshops import linear

TOL = 1e-10  # stop when no θ_j moved more than TOL·(1 + max|θ|) in a sweep
MAX_SWEEPS = 20_000


def soft_threshold(u: float, t: float) -> float:
    """S(u, t) = sign(u)·max(|u| − t, 0): exactly 0 for |u| ≤ t."""
    return float(np.sign(u) * max(abs(u) - t, 0.0))


def gram(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """G = XcᵀXc/m (n, n) and c = Xcᵀyc/m (n,) of the centred data."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    return Xc.T @ Xc / len(y), Xc.T @ yc / len(y)


def coordinate_descent(G: np.ndarray, c: np.ndarray, lam: float, l1_ratio: float,
                       theta: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """θ (n,) that minimizes J for the centred data behind G and c (see the module docstring).

    After each sweep that left the set of nonzero θ_j and their signs as they were, the exact
    solution on that support is tried (`support_step`): it ends the descent when it passes the
    optimality test, and otherwise moves θ towards it as far as J keeps falling. Correlated
    features (polynomial terms) need tens of thousands of sweeps without it."""
    linear.check_penalty(lam, l1_ratio)
    l1, l2 = lam * l1_ratio, lam * (1 - l1_ratio)
    t = np.zeros(len(c)) if theta is None else np.array(theta, dtype=float)
    Gl, cl = G.tolist(), c.tolist()  # Python floats: fast scalar loops
    signs = np.sign(t)
    for _ in range(MAX_SWEEPS):
        t, biggest_move = sweep(Gl, cl, l1, l2, t.tolist())
        if biggest_move <= TOL * (1.0 + np.abs(t).max()):
            return t
        if np.array_equal(np.sign(t), signs):
            t, exact = support_step(G, c, l1, l2, t)
            if exact:
                return t
        signs = np.sign(t)
    return t


def sweep(G: list, c: list, l1: float, l2: float, t: list) -> tuple[np.ndarray, float]:
    """One pass of θ_j = S(ρ_j, λr)/(G_jj + λ(1 − r)) over j = 1..n; returns θ and the largest
    change of one θ_j."""
    n, biggest_move = len(c), 0.0
    for j in range(n):
        row = G[j]
        rho = c[j] - sum(row[k] * t[k] for k in range(n)) + row[j] * t[j]
        new = soft_threshold(rho, l1) / (row[j] + l2) if row[j] + l2 > 0 else 0.0
        biggest_move = max(biggest_move, abs(new - t[j]))
        t[j] = new
    return np.array(t), biggest_move


def objective(G: np.ndarray, c: np.ndarray, l1: float, l2: float, t: np.ndarray) -> float:
    """J of the centred data, up to a constant: ½θᵀGθ − cᵀθ + λr Σ|θ_j| + λ(1 − r)/2 Σ θ_j²."""
    return float(t @ G @ t / 2 - c @ t + l1 * np.abs(t).sum() + l2 / 2 * t @ t)


def support_step(G: np.ndarray, c: np.ndarray, l1: float, l2: float,
                 t: np.ndarray) -> tuple[np.ndarray, bool]:  # fmt: skip
    """Jump to the exact minimizer on θ's support, or towards it ("feature-sign search").

    On the support A (the nonzero θ_j, signs s) the optimality condition is linear:
    (G_AA + λ(1 − r) I) θ_A = c_A − λr·s_A. If that solution keeps the signs s and θ_j = 0 is
    optimal off A (|G_jA θ_A − c_j| ≤ λr: the subgradient of |θ_j| at 0 is [−1, 1]), it is the
    answer (True). Otherwise θ moves along the segment towards it to the point of lowest J among
    the points where some θ_j crosses 0 (that θ_j is then exactly 0), and the sweeps go on."""
    signs = np.sign(t)
    A = signs != 0
    target = np.zeros(len(c))
    if A.any():
        M = G[np.ix_(A, A)] + l2 * np.eye(int(A.sum()))
        target[A] = np.linalg.solve(M, c[A] - l1 * signs[A])
    if np.array_equal(np.sign(target[A]), signs[A]):
        off = np.abs(G[~A] @ target - c[~A])
        return target, bool(np.all(off <= l1 * (1 + 1e-9) + 1e-15))
    flips = A & (np.sign(target) != signs)
    cross = t[flips] / (t[flips] - target[flips])  # where θ_j reaches 0 on the segment, in (0, 1]
    candidates = [t]
    for step in np.sort(cross):
        point = t + step * (target - t)
        point[A & (np.abs(point) <= 1e-15 * (1 + np.abs(t)))] = 0.0
        point[flips & (np.sign(point) != signs)] = 0.0  # the one that crossed is exactly 0
        candidates.append(point)
    best = min(candidates, key=lambda p: objective(G, c, l1, l2, p))
    return best, False


def intercept(X: np.ndarray, y: np.ndarray, theta: np.ndarray) -> float:
    """θ0 = ȳ − x̄ᵀθ: the unpenalized intercept that goes with θ."""
    return float(y.mean() - X.mean(axis=0) @ theta)


def fit(X: np.ndarray, y: np.ndarray, lam: float, l1_ratio: float) -> tuple[float, np.ndarray]:
    """θ0 and θ (n,) of Ridge (r = 0), Lasso (r = 1) or ElasticNet at one λ."""
    G, c = gram(X, y)
    theta = coordinate_descent(G, c, lam, l1_ratio)
    return intercept(X, y, theta), theta


@dataclass(frozen=True)
class Path:
    """The solutions over a grid of λ, largest λ first: θ0 (k,) and θ (k, n) for each λ (k,)."""

    lams: np.ndarray
    theta0: np.ndarray
    theta: np.ndarray

    def zero_from(self) -> np.ndarray:
        """For each feature, the smallest λ of the grid from which it is exactly 0 at every larger
        λ (where Lasso has dropped it); NaN if it is not 0 even at the largest λ."""
        zero = self.theta == 0.0  # (k, n)
        still_zero = np.logical_and.accumulate(zero, axis=0)  # zero at this λ and every larger one
        last = still_zero.sum(axis=0) - 1  # index of the smallest such λ (lams run large to small)
        return np.where(last >= 0, self.lams[np.maximum(last, 0)], np.nan)


def lambda_max(X: np.ndarray, y: np.ndarray, l1_ratio: float) -> float:
    """The smallest λ at which every θ_j is 0: max_j |c_j| / r (scikit-learn's alpha_max). Ridge
    never reaches 0; for r < 0.01 the grid uses r = 0.01, so its top λ shrinks θ close to 0."""
    _, c = gram(X, y)
    return float(np.abs(c).max() / max(l1_ratio, 0.01))


def lambda_grid(X: np.ndarray, y: np.ndarray, l1_ratio: float, n: int = 50,
                eps: float = 1e-4) -> np.ndarray:  # fmt: skip
    """n values of λ, evenly spaced in log λ, from lambda_max down to eps·lambda_max."""
    top = lambda_max(X, y, l1_ratio)
    return np.geomspace(top, top * eps, n)


def path(X: np.ndarray, y: np.ndarray, lams: np.ndarray, l1_ratio: float) -> Path:
    """Coordinate descent at each λ (sorted large to small), warm-started from the previous λ."""
    lams = np.sort(np.asarray(lams, dtype=float))[::-1]
    G, c = gram(X, y)
    thetas, theta = [], None
    for lam in lams:
        theta = coordinate_descent(G, c, float(lam), l1_ratio, theta)
        thetas.append(theta)
    theta = np.array(thetas)  # (k, n)
    theta0 = y.mean() - theta @ X.mean(axis=0)  # (k,)
    return Path(lams, theta0, theta)


@dataclass(frozen=True)
class CrossValidation:
    """Mean squared error on the held-out folds for each λ of `lams`: its mean and standard error
    over the k folds (k,), and the λ with the smallest mean."""

    lams: np.ndarray
    mse: np.ndarray
    se: np.ndarray
    best: float


def folds(m: int, k: int, seed: int) -> list[np.ndarray]:
    """The indices of k folds of a seeded shuffle of range(m)."""
    return np.array_split(np.random.default_rng(seed).permutation(m), k)


def cross_validate(X: np.ndarray, y: np.ndarray, lams: np.ndarray, l1_ratio: float, k: int = 5,
                   seed: int = 0) -> CrossValidation:  # fmt: skip
    """k-fold cross-validation of the path (each fold fitted on the other k − 1)."""
    lams = np.sort(np.asarray(lams, dtype=float))[::-1]
    errors = []
    for held in folds(len(y), k, seed):
        train = np.setdiff1d(np.arange(len(y)), held)
        fold_path = path(X[train], y[train], lams, l1_ratio)
        residuals = fold_path.theta0[:, None] + fold_path.theta @ X[held].T - y[held]  # (k, m_f)
        errors.append((residuals**2).mean(axis=1))
    errors = np.array(errors)  # (folds, k)
    mean = errors.mean(axis=0)
    se = errors.std(axis=0, ddof=1) / np.sqrt(k)
    return CrossValidation(lams, mean, se, float(lams[np.argmin(mean)]))


def training_error(X: np.ndarray, y: np.ndarray, fitted: Path) -> np.ndarray:
    """The mean squared error on the training data at each λ of the path: (k,)."""
    residuals = fitted.theta0[:, None] + fitted.theta @ X.T - y  # (k, m)
    return (residuals**2).mean(axis=1)
