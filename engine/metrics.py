"""How good the predictions are: accuracy and confusion matrix for classes, R² for regression."""

import numpy as np


def predicted_classes(Y_hat: np.ndarray, output: str) -> np.ndarray:
    """Class of each row: argmax for softmax, ŷ > 0.5 for σ, ŷ > 0 for tanh."""
    if output == "softmax":
        return Y_hat.argmax(axis=1)
    threshold = 0.0 if output == "tanh" else 0.5
    return (Y_hat[:, 0] > threshold).astype(int)


def accuracy(Y_hat: np.ndarray, y: np.ndarray, output: str) -> float:
    """Share of points whose predicted class is the label."""
    return float((predicted_classes(Y_hat, output) == y).mean())


def r2(y_hat: np.ndarray, y: np.ndarray) -> float:
    """Coefficient of determination 1 − SS_res/SS_tot (1 is perfect, 0 is the mean's level)."""
    ss_tot = float(((y - y.mean()) ** 2).sum())
    ss_res = float(((y - y_hat.reshape(y.shape)) ** 2).sum())
    return 1 - ss_res / ss_tot if ss_tot > 0 else 0.0


def confusion_matrix(y_pred: np.ndarray, y: np.ndarray, n_classes: int) -> np.ndarray:
    """C[i, j] = number of points of true class i predicted as class j."""
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (y.astype(int), y_pred.astype(int)), 1)
    return C


def score(Y_hat: np.ndarray, y: np.ndarray, output: str) -> float:
    """The page's headline metric: R² for a linear output, accuracy otherwise."""
    if output == "linear":
        return r2(Y_hat[:, 0], y)
    return accuracy(Y_hat, y, output)


def precision_recall(C: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per class k, from a confusion matrix C (rows: true class, columns: predicted class):

    precision_k = C[k, k] / Σ_i C[i, k]   (of the points predicted k, the share that are k)
    recall_k    = C[k, k] / Σ_j C[k, j]   (of the points that are k, the share found: the per-class
                                           accuracy)
    NaN where nothing was predicted k (precision) or no point is k (recall).
    """
    hits = np.diag(C).astype(float)  # (K,)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = hits / C.sum(axis=0)  # (K,)
        recall = hits / C.sum(axis=1)  # (K,)
    return precision, recall
