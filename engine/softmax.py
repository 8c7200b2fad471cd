"""From scores to probabilities (lecture: regresión logística, odds, 1 vs. todos, SOFTMAX).

    h = σ(θᵀx) = 1/(1 + e^{−θᵀx})                 logistic regression; predict 1 when h ≥ threshold
    odds = h/(1 − h) = e^{θᵀx},  log(odds) = θᵀx   each +1 in x_j multiplies the odds by e^{θ_j}
    softmax(z; T)_j = e^{z_j/T} / Σ_k e^{z_k/T}    temperature T > 0 (T = 1: the lecture's softmax)
    σ(z) = e^z/(e^z + e^0) = softmax([z, 0])_0     the sigmoid is a softmax over two classes
    L = −Σ_k y_k log ŷ_k,   ∂L/∂z = ŷ − y          cross-entropy and its gradient at the logits

Logistic and softmax regression are the engine's MLP with no hidden layer (hidden=()), so
Z = X @ W + b is θᵀx with θ0 = b, and the same Trainer trains them as every other network.
One-vs-all trains one logistic model per class. The softmax is activations.softmax (max-shifted).
"""

from dataclasses import dataclass

import numpy as np

from engine import metrics
from engine.backends import make_mlp
from engine.datasets import featurize, grid
from engine.numpy_backend import losses
from engine.numpy_backend.activations import sigmoid, softmax
from engine.spec import MLPSpec
from engine.trainer import Trainer

# The lecture's table (seed 001): the big score takes over as the small ones shrink toward 0.
LECTURE_SERIES = (
    ((3.0, 1.0, 0.2), (0.8360188, 0.11314284, 0.05083836)),
    ((3.0, 2.9, 2.8), (0.3671654, 0.33222499, 0.30060961)),
    ((3.0, 0.2, 0.1), (0.89619123, 0.05449744, 0.04931133)),
    ((3.0, 0.02, 0.01), (0.908199, 0.04613, 0.045671)),
    ((3.0, 0.0002, 0.0001), (0.90943064, 0.04528694, 0.04528241)),
    ((3.0, 0.00000002, 0.00000001), (0.909443, 0.0452785, 0.0452785)),
    ((30.0, 0.00000002, 0.00000001), (1.0, 9.35762316e-14, 9.35762306e-14)),
)
# The worked example of seed 004: Σ e^{a_j} ≈ 8 and softmax(a) ≈ [0.1, 0.2, 0.7].
LECTURE_EXAMPLE = ((-0.21, 0.47, 1.72), (0.1, 0.2, 0.7))


def check_temperature(T: float) -> float:
    """T itself, or a ValueError: T = 0 would divide by zero (as T → 0 softmax becomes argmax)."""
    if isinstance(T, bool) or not isinstance(T, int | float) or not np.isfinite(T) or T <= 0:
        raise ValueError(
            f"temperature T must be a positive number; got {T!r}. "
            "At T = 0, z/T is undefined; as T → 0 the softmax tends to a one-hot vector."
        )
    return float(T)


def tempered_softmax(z: np.ndarray, T: float = 1.0) -> np.ndarray:
    """softmax(z/T) on the last axis (activations.softmax subtracts the max, so no overflow)."""
    return softmax(np.asarray(z, dtype=float) / check_temperature(T))


def naive_softmax(z: np.ndarray) -> np.ndarray:
    """e^z / Σ e^z with no shift, to show why the shift matters: e^1000 = inf and inf/inf = nan."""
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(np.asarray(z, dtype=float))
        return E / E.sum(axis=-1, keepdims=True)


def temperature_sweep(z: np.ndarray, temperatures: np.ndarray) -> np.ndarray:
    """softmax(z/T) for every T: (n_T, K). Large T flattens toward uniform, small T sharpens."""
    T = np.asarray(temperatures, dtype=float)
    for t in T:
        check_temperature(float(t))
    return softmax(np.asarray(z, dtype=float)[None, :] / T[:, None])  # (n_T, K)


def sigmoid_as_softmax(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """σ(z) and softmax([z, 0])_0 for each z: the same numbers, e^z/(e^z + e^0)."""
    z = np.asarray(z, dtype=float).reshape(-1)  # (n,)
    two_scores = np.column_stack(
        [z, np.zeros_like(z)]
    )  # (n, 2): class 1 scores z, class 0 scores 0
    return sigmoid(z), softmax(two_scores)[:, 0]


def cross_entropy(z: np.ndarray, y: int) -> tuple[float, np.ndarray]:
    """One point's L = −log ŷ_y and ∂L/∂z = ŷ − y (y one-hot), from its logits z (K,)."""
    Z = np.asarray(z, dtype=float).reshape(1, -1)  # (1, K)
    K = Z.shape[1]
    if not 0 <= y < K:
        raise ValueError(f"true class y must be between 0 and {K - 1}; got {y}")
    A = softmax(Z)  # (1, K)
    Y = np.eye(K)[[y]]  # (1, K)
    return losses.data_loss("cce", Z, A, Y), losses.output_grad("cce", "softmax", Z, A, Y)[0]


def logistic_spec(n_in: int) -> MLPSpec:
    """h = σ(θ0 + θ1 x1 + ... + θn xn): one sigmoid unit, binary cross-entropy (the log-loss)."""
    return MLPSpec(n_in=n_in, hidden=(), n_out=1, output="sigmoid", loss="bce", init="zeros")


def softmax_regression_spec(n_in: int, n_classes: int) -> MLPSpec:
    """Multinomial logistic regression: K linear scores θ_kᵀx, then softmax and cross-entropy."""
    return MLPSpec(
        n_in=n_in, hidden=(), n_out=n_classes, output="softmax", loss="cce", init="zeros"
    )


@dataclass(frozen=True)
class PointReadings:
    """Per point: the logits z = θᵀx (m, n_out), ŷ (m, n_out) and the loss (m,)."""

    Z: np.ndarray
    Y_hat: np.ndarray
    loss: np.ndarray


def point_readings(model, X: np.ndarray, y: np.ndarray) -> PointReadings:
    """Logits, probabilities and each point's own loss (log-loss for σ, cross-entropy for softmax).

    y holds class numbers (m,)."""
    spec = model.spec
    Z = model.pre_activations(X)[-1]  # (m, n_out)
    Y_hat = softmax(Z) if spec.output == "softmax" else sigmoid(Z)  # (m, n_out)
    Y = np.eye(spec.n_out)[y] if spec.output == "softmax" else y.reshape(-1, 1)  # (m, n_out)
    return PointReadings(Z, Y_hat, losses.point_loss(spec.loss, Z, Y_hat, Y))


def odds_reading(params: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """θ = (θ0, θ1, ..., θn) of a logistic model and e^θ: e^{θ0} is the odds at x = 0, e^{θj} the
    factor by which the odds grow for each +1 in x_j (log-odds are linear: θᵀx)."""
    theta = np.concatenate([params["b1"], params["W1"][:, 0]])  # (n + 1,): θ0 is the bias
    with np.errstate(over="ignore"):
        return theta, np.exp(theta)


@dataclass(frozen=True)
class ThresholdReport:
    """Predict 1 when h ≥ threshold: confusion matrix C (rows true 0/1, columns predicted 0/1)."""

    C: np.ndarray
    precision: float
    recall: float
    accuracy: float


def threshold_report(h: np.ndarray, y: np.ndarray, threshold: float) -> ThresholdReport:
    """Confusion matrix, precision TP/(TP + FP), recall TP/(TP + FN) and accuracy at a threshold."""
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be between 0 and 1; got {threshold}")
    y_pred = (np.asarray(h).reshape(-1) >= threshold).astype(int)  # the lecture's h ≥ 0.5 rule
    C = metrics.confusion_matrix(y_pred, np.asarray(y), 2)
    precision, recall = metrics.precision_recall(C)
    return ThresholdReport(C, float(precision[1]), float(recall[1]), float(np.trace(C) / C.sum()))


def probability_grid(
    predict, features: tuple[str, ...], resolution: int = 50, extent: float = 6.0
) -> tuple[np.ndarray, np.ndarray]:
    """The axis (r,) and predict(features of every grid point) reshaped to (r, r, n_out).

    Rows run along x2 and columns along x1, as a heatmap draws them."""
    axis, points = grid(resolution, extent)
    P = np.asarray(predict(featurize(points, features)))  # (r², n_out)
    return axis, P.reshape(resolution, resolution, -1)


def level_crossings(axis: np.ndarray, F: np.ndarray, level: float) -> np.ndarray:
    """Points (n, 2) where the grid function F (rows x2, columns x1) crosses `level`, found by
    linear interpolation between neighbouring cells: the decision boundary h = threshold."""
    G = F - level  # (r, r)
    below = G < 0
    i, j = np.nonzero(below[:, :-1] != below[:, 1:])  # between columns j and j + 1
    t = G[i, j] / (G[i, j] - G[i, j + 1])
    along_x1 = np.column_stack([axis[j] + t * (axis[j + 1] - axis[j]), axis[i]])
    i, j = np.nonzero(below[:-1, :] != below[1:, :])  # between rows i and i + 1
    t = G[i, j] / (G[i, j] - G[i + 1, j])
    along_x2 = np.column_stack([axis[j], axis[i] + t * (axis[i + 1] - axis[i])])
    return np.concatenate([along_x1, along_x2])  # (n, 2)


class OneVsAll:
    """K logistic regressions: model k learns 'class k' (1) against every other class (0).

    A point goes to the class whose own model gives it the largest h_k (lecture: 1 vs. todos).
    The K probabilities need not add up to 1, unlike softmax regression's."""

    def __init__(
        self,
        n_classes: int,
        X_train: np.ndarray,
        y_train: np.ndarray,
        X_test: np.ndarray,
        y_test: np.ndarray,
        backend: str = "numpy",
        device: str = "cpu",
        seed: int = 0,
        **trainer_options,
    ):
        n_in = X_train.shape[1]
        self.models = [
            make_mlp(logistic_spec(n_in), backend, device, seed=seed) for _ in range(n_classes)
        ]
        self.trainers = [
            Trainer(
                model, X_train, y_train == k, X_test, y_test == k, seed=seed + k, **trainer_options
            )
            for k, model in enumerate(self.models)
        ]

    def step(self, n: int = 1) -> None:
        for trainer in self.trainers:
            trainer.step(n)

    @property
    def epoch(self) -> int:
        return min(trainer.epoch for trainer in self.trainers)

    @property
    def divergence(self):
        return next((t.divergence for t in self.trainers if t.divergence is not None), None)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """h_k(x) of every model side by side: (m, K)."""
        return np.column_stack([model.predict(X)[:, 0] for model in self.models])

    def accuracy(self, X: np.ndarray, y: np.ndarray) -> float:
        """Share of points whose largest h_k is their class."""
        return metrics.accuracy(self.predict(X), y, "softmax")
