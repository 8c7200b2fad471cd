"""The loss on a plane through parameter space, many points at once (lecture: superficie de error).

For weights θ* and two directions δ, η (flat vectors laid out like θ), the slice is

    f(α, β) = J(θ* + α·δ + β·η)

Every layer's weights at a point (α, β) are W* + α·δW + β·ηW (and the same for b), so the first
layer is a sum of three products that do not depend on the point:

    Z[1](α, β) = (X @ W1* + b1*) + α·(X @ δW1 + δb1) + β·(X @ ηW1 + ηb1)

They are computed once; each point's Z[1] is then a weighted sum of them (no product with X per
point: the costly part of a 784-512-10 network). The deeper layers run for a chunk of points at a
time with stacked weights, np.matmul over a leading axis: A (g, m, n_{l−1}) @ W (g, n_{l−1}, n_l).
A chunk holds about MAX_CHUNK_ELEMENTS activations, so it stays in the processor's cache; the loss
is then taken over many chunks' outputs at once (one call instead of one per point).
"""

from typing import NamedTuple

import numpy as np
from threadpoolctl import threadpool_limits

from engine.numpy_backend import losses
from engine.numpy_backend.activations import activate
from engine.params import views
from engine.spec import MLPSpec

MAX_CHUNK_ELEMENTS = 1 << 17  # one chunk's (g, m, n_l) activations: 512 KB in float32
MAX_BATCH_ELEMENTS = 1 << 22  # output logits (g, m, n_L) whose loss is taken in one call


class Plane(NamedTuple):
    """What every point of the plane needs: layer l's parts are stacked (θ*, δ, η) on axis 0."""

    spec: MLPSpec
    Z1_parts: np.ndarray  # (3, m, n_1): X @ W1 + b1 for θ*, δ and η
    layers: list  # [(W_parts (3, n_{l−1}, n_l), b_parts (3, n_l))] for l = 2..L
    weights: list  # [W_parts (3, n_{l−1}, n_l)] for l = 1..L, for the λ term
    Y: np.ndarray  # (m, n_L)


def plane_losses(
    spec: MLPSpec,
    theta: np.ndarray,
    delta: np.ndarray,
    eta: np.ndarray,
    points: np.ndarray,
    X: np.ndarray,
    Y: np.ndarray,
    dtype=np.float32,
    device: str = "cpu",
) -> np.ndarray:
    """J(θ + α·δ + β·η) with its λ term, for each row (α, β) of points (n, 2): (n,) float64.

    X (m, n_0) are the inputs and Y (m, n_L) the targets (engine.spec.to_targets).
    """
    if device != "cpu":
        raise ValueError(f"the NumPy engine runs on the CPU only; got device {device!r}")
    P, D, E = (
        views(np.asarray(v, dtype=np.float64), spec.param_shapes()) for v in (theta, delta, eta)
    )

    def parts(name: str) -> np.ndarray:
        return np.stack([P[name], D[name], E[name]])  # (3, *shape): θ*, δ, η

    X = np.asarray(X, dtype=np.float64)  # (m, n_0)
    Z1_parts = X @ parts("W1") + parts("b1")[:, None, :]  # (3, m, n_1): computed once
    L = spec.n_layers
    layers = [(parts(f"W{l}").astype(dtype), parts(f"b{l}").astype(dtype)) for l in range(2, L + 1)]
    weights = [parts(f"W{l}").astype(dtype) for l in range(1, L + 1)]  # for the λ term
    plane = Plane(spec, Z1_parts.astype(dtype), layers, weights, np.asarray(Y, dtype=dtype))
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    C = np.column_stack([np.ones(len(points)), points]).astype(dtype)  # (n, 3): rows (1, α, β)
    chunk = max(1, MAX_CHUNK_ELEMENTS // (len(X) * max(spec.sizes[1:])))
    batch = chunk * max(1, MAX_BATCH_ELEMENTS // (chunk * len(X) * spec.n_out))
    J = np.empty(len(points))
    with threadpool_limits(1, "blas"):  # small products: threads cost more than they give
        for start in range(0, len(points), batch):
            C_batch = C[start : start + batch]  # (g, 3)
            chunks = [C_batch[s : s + chunk] for s in range(0, len(C_batch), chunk)]
            Z = np.concatenate([output_logits(plane, C_chunk) for C_chunk in chunks])
            J[start : start + batch] = cost(plane, Z, chunks)
    return J


def output_logits(plane: Plane, C: np.ndarray) -> np.ndarray:
    """Z[L] at g points whose coefficients C (g, 3) weigh θ*, δ and η: (g, m, n_L)."""
    Z = np.tensordot(C, plane.Z1_parts, axes=1)  # (g, m, n_1)
    for W_parts, b_parts in plane.layers:  # l = 2..L; the hidden layers all use spec.activation
        A = activate(plane.spec.activation, Z)  # (g, m, n_{l−1})
        W = np.tensordot(C, W_parts, axes=1)  # (g, n_{l−1}, n_l)
        b = C @ b_parts  # (g, n_l)
        Z = np.matmul(A, W) + b[:, None, :]  # (g, m, n_l)
    return Z


def cost(plane: Plane, Z: np.ndarray, chunks: list[np.ndarray]) -> np.ndarray:
    """J at the points whose output logits are Z (g, m, n_L) and coefficients the chunks: (g,)."""
    spec, Y = plane.spec, plane.Y
    # The cross-entropies read the logits Z only (engine/numpy_backend/losses.py): skip Ŷ for them.
    A = Z if spec.loss in ("bce", "cce") else activate(spec.output, Z)  # (g, m, n_L)
    J = losses.data_loss(spec.loss, Z, A, Y)  # (g,)
    if spec.reg == "none" or spec.lam == 0:
        return J
    penalties = []
    for C in chunks:  # stacked weights W* + α·δW + β·ηW, a chunk at a time
        Ws = [np.tensordot(C, W_parts, axes=1) for W_parts in plane.weights]
        penalties.append(losses.penalty(spec.reg, spec.lam, spec.l1_ratio, Ws, len(Y), True))
    return J + np.concatenate(penalties)
