"""Two-dimensional toy datasets and input features (the Playground's data; lecture: XOR, classes).

Binary sets follow TensorFlow Playground's formulas (circle, xor, gauss, spiral) plus moons; the
multi-class sets are blobs and spiral arms (3 to 6 classes); regression has a plane and six signed
Gaussian cones. Binary labels are 0/1 (for σ + cross-entropy), multi-class labels are 0..K−1 and
regression targets are real numbers. Every draw comes from `np.random.default_rng(seed)`, so the
same `DataSpec` always gives the same points.
"""

from dataclasses import dataclass

import numpy as np

BINARY = ("circle", "xor", "gauss", "spiral", "moons")
MULTICLASS = ("blobs", "spiral_arms")
REGRESSION = ("plane", "gaussians")
NAMES = BINARY + MULTICLASS + REGRESSION
MAX_POINTS = 5000
MAX_CLASSES = 6
RADIUS = 5.0  # the plane shown is [-6, 6]^2; the data lives in about [-5, 5]^2


@dataclass(frozen=True)
class DataSpec:
    """What to generate: name, size, noise (0 to 0.5), train share, class balance, classes, seed.

    balance is the size of the smallest class over the largest (1 = balanced); class 1 is the
    minority for binary sets, and multi-class sizes fall geometrically from class 0 to class K−1.
    """

    name: str = "circle"
    n_points: int = 500
    noise: float = 0.0
    train_ratio: float = 0.5
    balance: float = 1.0
    n_classes: int = 3
    seed: int = 0

    def validate(self) -> None:
        if self.name not in NAMES:
            raise ValueError(f"dataset must be one of {', '.join(NAMES)}; got {self.name!r}")
        if not 10 <= self.n_points <= MAX_POINTS:
            raise ValueError(f"n_points must be between 10 and {MAX_POINTS}; got {self.n_points}")
        if not 0 <= self.noise <= 0.5:
            raise ValueError(f"noise must be between 0 and 0.5; got {self.noise}")
        if not 0.1 <= self.train_ratio <= 0.9:
            raise ValueError(f"train_ratio must be between 0.1 and 0.9; got {self.train_ratio}")
        if not 0.05 <= self.balance <= 1:
            raise ValueError(f"balance must be between 0.05 and 1; got {self.balance}")
        if not 3 <= self.n_classes <= MAX_CLASSES:
            raise ValueError(f"n_classes must be between 3 and {MAX_CLASSES}; got {self.n_classes}")

    @property
    def task(self) -> str:
        if self.name in REGRESSION:
            return "regression"
        return "multiclass" if self.name in MULTICLASS else "binary"

    @property
    def classes(self) -> int:
        """Number of classes (1 output for binary and regression)."""
        return {"binary": 2, "multiclass": self.n_classes, "regression": 1}[self.task]


@dataclass(frozen=True)
class Dataset:
    """Points (m, 2) and labels (m,), split into train and test."""

    spec: DataSpec
    X_train: np.ndarray  # (m_train, 2)
    y_train: np.ndarray  # (m_train,)
    X_test: np.ndarray  # (m_test, 2)
    y_test: np.ndarray  # (m_test,)


def make_dataset(spec: DataSpec) -> Dataset:
    """Generate, balance and split the points that `spec` describes."""
    spec.validate()
    rng = np.random.default_rng(spec.seed)
    if spec.task == "regression":
        X, y = REGRESSORS[spec.name](spec.n_points, spec.noise, rng)
    else:
        sizes = class_sizes(spec.n_points, spec.classes, spec.balance)
        X, y = draw_classes(spec, sizes, rng)
    order = rng.permutation(len(y))
    X, y = X[order], y[order]
    n_train = round(spec.train_ratio * len(y))
    return Dataset(spec, X[:n_train], y[:n_train], X[n_train:], y[n_train:])


def class_sizes(n: int, k: int, balance: float) -> np.ndarray:
    """Sizes falling geometrically from class 0 to class k−1, smallest/largest = balance."""
    weights = balance ** (np.arange(k) / (k - 1))  # (k,)
    sizes = np.floor(n * weights / weights.sum()).astype(int)
    sizes[0] += n - sizes.sum()
    return sizes


def draw_classes(spec: DataSpec, sizes: np.ndarray, rng) -> tuple[np.ndarray, np.ndarray]:
    """Draw a pool of labelled points and keep the first sizes[c] of each class c."""
    X_parts, y_parts = [], []
    pool = 4 * spec.n_points
    while True:
        X, y = CLASSIFIERS[spec.name](pool, spec.noise, spec.classes, rng)
        if all((y == c).sum() >= s for c, s in enumerate(sizes)):
            break
        pool *= 2
    for c, s in enumerate(sizes):
        X_parts.append(X[y == c][:s])
        y_parts.append(np.full(s, c))
    return np.concatenate(X_parts), np.concatenate(y_parts)


def circle(n, noise, k, rng):
    """Inner disc (class 1, r < 2.5), outer ring (class 0, 3.5 < r < 5); noise moves the label."""
    inner = rng.random(n) < 0.5
    r = np.where(inner, rng.uniform(0, RADIUS * 0.5, n), rng.uniform(RADIUS * 0.7, RADIUS, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])  # (n, 2)
    jitter = rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    y = (np.linalg.norm(X + jitter, axis=1) < RADIUS * 0.5).astype(int)
    return X, y


def xor(n, noise, k, rng):
    """Label 1 where x1·x2 > 0; points pushed 0.3 off the axes; noise moves the label."""
    X = rng.uniform(-RADIUS, RADIUS, (n, 2))
    X += np.where(X > 0, 0.3, -0.3)
    jitter = rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    y = ((X[:, 0] + jitter[:, 0]) * (X[:, 1] + jitter[:, 1]) >= 0).astype(int)
    return X, y


def gauss(n, noise, k, rng):
    """Two Gaussians at (2, 2) (class 1) and (−2, −2) (class 0); variance 0.5 to 4 with noise."""
    variance = 0.5 + (4 - 0.5) * noise / 0.5
    y = (rng.random(n) < 0.5).astype(int)
    centres = np.where(y[:, None] == 1, 2.0, -2.0)  # (n, 2)
    return centres + np.sqrt(variance) * rng.standard_normal((n, 2)), y


def spiral(n, noise, k, rng):
    """Two interleaved spiral arms, the second turned by π."""
    return spiral_arms(n, noise, 2, rng)


def spiral_arms(n, noise, k, rng):
    """k spiral arms, arm c turned by 2πc/k; noise shakes the positions."""
    y = rng.integers(0, k, n)
    s = rng.random(n)  # position along the arm, 0 (centre) to 1 (tip)
    r = RADIUS * s
    t = 1.75 * 2 * np.pi * s + 2 * np.pi * y / k
    X = np.column_stack([r * np.sin(t), r * np.cos(t)])
    return X + rng.uniform(-1, 1, (n, 2)) * noise * 2, y


def moons(n, noise, k, rng):
    """Two interleaving half circles (scikit-learn's moons), scaled to the plane."""
    y = (rng.random(n) < 0.5).astype(int)
    t = rng.uniform(0, np.pi, n)
    x1 = np.where(y == 0, np.cos(t), 1 - np.cos(t)) - 0.5
    x2 = np.where(y == 0, np.sin(t), 0.5 - np.sin(t)) - 0.25
    X = 3.0 * np.column_stack([x1, x2])
    return X + rng.standard_normal((n, 2)) * noise * 2, y


def blobs(n, noise, k, rng):
    """k Gaussian blobs on a circle of radius 3.5; spread grows with noise."""
    y = rng.integers(0, k, n)
    angle = 2 * np.pi * y / k
    centres = 3.5 * np.column_stack([np.cos(angle), np.sin(angle)])
    return centres + (0.5 + 3 * noise) * rng.standard_normal((n, 2)), y


def plane(n, noise, rng):
    """y = (x1 + x2)/10 on [−5, 5]²; noise moves the point used for the target."""
    X = rng.uniform(-RADIUS, RADIUS, (n, 2))
    jitter = rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    return X, (X + jitter).sum(axis=1) / 10


GAUSSIANS = np.array(
    [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]]
)


def gaussians(n, noise, rng):
    """Six signed cones; each point takes the cone of largest |value| (1 at a centre, 0 at 2)."""
    X = rng.uniform(-RADIUS, RADIUS, (n, 2))
    P = X + rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    dist = np.linalg.norm(P[:, None, :] - GAUSSIANS[None, :, :2], axis=2)  # (n, 6)
    values = GAUSSIANS[:, 2] * np.clip(1 - dist / 2, 0, 1)  # (n, 6)
    pick = np.abs(values).argmax(axis=1)
    return X, values[np.arange(n), pick]


CLASSIFIERS = {
    "circle": circle,
    "xor": xor,
    "gauss": gauss,
    "spiral": spiral,
    "moons": moons,
    "blobs": blobs,
    "spiral_arms": spiral_arms,
}
REGRESSORS = {"plane": plane, "gaussians": gaussians}

FEATURES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2,
    "x2^2": lambda X: X[:, 1] ** 2,
    "x1*x2": lambda X: X[:, 0] * X[:, 1],
    "sin(x1)": lambda X: np.sin(X[:, 0]),
    "sin(x2)": lambda X: np.sin(X[:, 1]),
}


def featurize(X: np.ndarray, features: tuple[str, ...]) -> np.ndarray:
    """The chosen input features of each point: (m, 2) -> (m, len(features))."""
    if not features:
        raise ValueError("features: choose at least one input feature")
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(f"features must be among {', '.join(FEATURES)}; got {unknown}")
    return np.column_stack([FEATURES[f](X) for f in features])


def grid(resolution: int = 100, extent: float = 6.0) -> tuple[np.ndarray, np.ndarray]:
    """A resolution x resolution grid over [−extent, extent]²: axis values and points (r², 2)."""
    axis = np.linspace(-extent, extent, resolution)
    x1, x2 = np.meshgrid(axis, axis)
    return axis, np.column_stack([x1.ravel(), x2.ravel()])


def xor_workshop() -> tuple[np.ndarray, np.ndarray]:
    """The lecture's XOR workshop data: 3 inputs (x1, x2 and a constant 1 that stands in for the
    bias, since the workshop's network has b = 0) and the XOR label of x1, x2."""
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)  # (4, 3)
    y = np.array([0, 1, 1, 0])  # (4,)
    return X, y
