"""The loss on a plane through parameter space in torch, on the CPU or a CUDA GPU.

The same computation as engine/numpy_backend/landscape.py, f(α, β) = J(θ* + α·δ + β·η) at many
points: the first layer's three products with X are computed once, the deeper layers are batched
over chunks of points with stacked weights (torch.matmul over a leading axis). On a GPU a chunk can
hold far more points, so a 51x51 slice of a 784-512-10 network takes a few large steps.
"""

import numpy as np
import torch

from engine.params import views
from engine.spec import MLPSpec
from engine.torch_backend import losses
from engine.torch_backend.activations import activate
from engine.torch_backend.mlp import DTYPES, pick_device

MAX_CHUNK_ELEMENTS = {"cpu": 1 << 19, "cuda": 1 << 27}  # activations per chunk


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
    """J(θ + α·δ + β·η) with its λ term, for each row (α, β) of points (n, 2): (n,) float64."""
    tdtype, dev = DTYPES[dtype], pick_device(device)

    def tensor(a, dt=tdtype) -> torch.Tensor:
        return torch.as_tensor(np.asarray(a), dtype=dt, device=dev)

    P, D, E = (views(tensor(v, torch.float64), spec.param_shapes()) for v in (theta, delta, eta))

    def parts(name: str) -> torch.Tensor:
        return torch.stack([P[name], D[name], E[name]])  # (3, *shape): θ*, δ, η

    with torch.no_grad():
        X64 = tensor(X, torch.float64)  # (m, n_0)
        Z1_parts = (X64 @ parts("W1") + parts("b1")[:, None, :]).to(tdtype)  # (3, m, n_1)
        L = spec.n_layers
        Ws = [parts(f"W{l}").to(tdtype) for l in range(1, L + 1)]  # (3, n_{l−1}, n_l)
        bs = [parts(f"b{l}").to(tdtype) for l in range(1, L + 1)]  # (3, n_l)
        Y = tensor(Y)
        C = torch.cat([torch.ones(len(points), 1), torch.as_tensor(points).reshape(-1, 2)], 1)
        C = C.to(dtype=tdtype, device=dev)  # (n, 3): rows (1, α, β)
        chunk = max(1, MAX_CHUNK_ELEMENTS[dev.type] // (len(X64) * max(spec.sizes[1:])))
        J = [
            chunk_losses(spec, C[s : s + chunk], Z1_parts, Ws, bs, Y)
            for s in range(0, len(C), chunk)
        ]
        return torch.cat(J).double().cpu().numpy()


def chunk_losses(spec: MLPSpec, C, Z1_parts, Ws: list, bs: list, Y) -> torch.Tensor:
    """J at g points whose coefficients C (g, 3) weigh θ*, δ and η: (g,)."""
    Z = torch.tensordot(C, Z1_parts, dims=1)  # (g, m, n_1)
    for W_parts, b_parts in zip(Ws[1:], bs[1:], strict=True):  # l = 2..L
        A = activate(spec.activation, Z)  # (g, m, n_{l−1})
        W = torch.tensordot(C, W_parts, dims=1)  # (g, n_{l−1}, n_l)
        Z = torch.matmul(A, W) + (C @ b_parts)[:, None, :]  # (g, m, n_l)
    # The cross-entropies read the logits Z only (engine/torch_backend/losses.py): skip Ŷ for them.
    A = Z if spec.loss in ("bce", "cce") else activate(spec.output, Z)  # (g, m, n_L)
    J = losses.data_loss(spec.loss, Z, A, Y)  # (g,)
    if spec.reg != "none" and spec.lam > 0:
        weights = [torch.tensordot(C, W_parts, dims=1) for W_parts in Ws]
        J = J + losses.penalty(spec.reg, spec.lam, spec.l1_ratio, weights, len(Y), stacked=True)
    return J
