"""Multilayer perceptron in torch: the same names, shapes and formulas as the NumPy engine.

    Z[l] = A[l−1] @ W[l] + b[l],   A[l] = g(Z[l]),   A[0] = X
Autograd computes dJ/dθ; the parameters W1, b1, ..., WL, bL are views into one flat leaf tensor θ,
so θ.grad is the flat dθ and weights copy across engines by name. Runs on "cpu" or "cuda".
"""

import numpy as np
import torch

from engine.params import size, views
from engine.spec import MLPSpec, initial_params
from engine.torch_backend import losses
from engine.torch_backend.activations import activate
from engine.torch_backend.optimizers import TorchOptimizer, clip_by_norm

DTYPES = {np.float64: torch.float64, np.float32: torch.float32}


def pick_device(device: str) -> torch.device:
    """'cpu', or 'cuda' when torch sees a GPU; anything else is a clear ValueError."""
    if device not in ("cpu", "cuda"):
        raise ValueError(f"device must be 'cpu' or 'cuda'; got {device!r}")
    if device == "cuda" and not torch.cuda.is_available():
        raise ValueError("device 'cuda' was asked for, but torch sees no CUDA GPU on this server")
    return torch.device(device)


class MLP:
    """A fully connected network built from an `MLPSpec`; starts from `params` or a seeded draw."""

    def __init__(
        self,
        spec: MLPSpec,
        params: dict | None = None,
        seed: int = 0,
        dtype=np.float64,
        device: str = "cpu",
    ):
        params = initial_params(spec, seed) if params is None else params
        self.init_flat(spec, params, dtype, device)
        self.g = [spec.activation] * (spec.n_layers - 1) + [spec.output]

    def init_flat(self, spec, params: dict, dtype, device: str) -> None:
        """Check the spec and device; θ as one flat leaf tensor (its grad is dθ); set θ."""
        spec.validate()
        self.spec, self.dtype, self.device = spec, dtype, pick_device(device)
        self.tdtype = DTYPES[dtype]
        self.shapes = spec.param_shapes()
        self.theta = torch.zeros(
            size(self.shapes), dtype=self.tdtype, device=self.device, requires_grad=True
        )  # (P,)
        self.set_params(params)

    @property
    def dtheta(self) -> torch.Tensor:
        return self.theta.grad

    def layers(self) -> list[tuple[torch.Tensor, torch.Tensor]]:
        """[(W1, b1), ..., (WL, bL)] as views into θ."""
        p = views(self.theta, self.shapes)
        return [(p[f"W{l}"], p[f"b{l}"]) for l in range(1, self.spec.n_layers + 1)]

    def forward(self, X: torch.Tensor) -> tuple[torch.Tensor, tuple[list, list]]:
        """Ŷ = A[L] and (Z[1..L], A[0..L])."""
        Zs, As = [], [X]
        A = X  # (m, n_0)
        for (W, b), g in zip(self.layers(), self.g, strict=True):
            Z = A @ W + b  # (m, n_l)
            A = activate(g, Z)  # (m, n_l)
            Zs.append(Z)
            As.append(A)
        return A, (Zs, As)

    def cost(self, X: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
        spec = self.spec
        A, (Zs, _) = self.forward(X)
        J = losses.data_loss(spec.loss, Zs[-1], A, Y)
        weights = [W for W, _ in self.layers()]
        return J + losses.penalty(spec.reg, spec.lam, spec.l1_ratio, weights, Y.shape[0])

    def backprop(self, X: torch.Tensor, Y: torch.Tensor) -> None:
        """dJ/dθ on a batch, written into θ.grad."""
        self.loss_and_grads(X, Y)

    def loss_and_grads(self, X: torch.Tensor, Y: torch.Tensor) -> float:
        self.theta.grad = None
        J = self.cost(X, Y)
        J.backward()
        return float(J.detach())

    def loss(self, X: torch.Tensor, Y: torch.Tensor) -> float:
        with torch.no_grad():
            return float(self.cost(self.asarray(X), self.asarray(Y)))

    def predict(self, X) -> np.ndarray:
        """Ŷ as a NumPy array, (m, n_L)."""
        with torch.no_grad():
            return self.forward(self.asarray(X))[0].cpu().numpy()

    def layer_outputs(self, X) -> list[np.ndarray]:
        """A[1], ..., A[L] as NumPy arrays."""
        with torch.no_grad():
            return [A.cpu().numpy() for A in self.forward(self.asarray(X))[1][1][1:]]

    def pre_activations(self, X) -> list[np.ndarray]:
        """Z[1], ..., Z[L] as NumPy arrays."""
        with torch.no_grad():
            return [Z.cpu().numpy() for Z in self.forward(self.asarray(X))[1][0]]

    def asarray(self, X) -> torch.Tensor:
        if isinstance(X, torch.Tensor):
            return X.to(device=self.device, dtype=self.tdtype)
        return torch.as_tensor(np.asarray(X), dtype=self.tdtype, device=self.device)

    def get_params(self) -> dict[str, np.ndarray]:
        """A NumPy copy of every parameter, by name."""
        theta = self.get_theta()
        return {name: p.copy() for name, p in views(theta, self.shapes).items()}

    def set_params(self, params: dict[str, np.ndarray]) -> None:
        flat = []
        for name, shape in self.shapes.items():
            value = np.asarray(params[name], dtype=np.float64)
            if value.shape != shape:
                raise ValueError(f"parameter {name} must have shape {shape}; got {value.shape}")
            flat.append(value.ravel())
        self.set_theta(np.concatenate(flat))

    def get_theta(self) -> np.ndarray:
        return self.theta.detach().cpu().numpy().astype(np.float64)

    def set_theta(self, theta: np.ndarray) -> None:
        with torch.no_grad():
            self.theta.copy_(torch.as_tensor(theta, dtype=self.tdtype))

    def make_optimizer(self, name: str, lr: float) -> TorchOptimizer:
        return TorchOptimizer(name, lr, self.theta)

    def clip(self, max_norm: float) -> float:
        return clip_by_norm(self.theta, max_norm)
