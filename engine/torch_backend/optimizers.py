"""The engine's optimizers on a flat torch parameter vector θ, through torch.optim.

torch.optim.SGD (with momentum, no dampening) and torch.optim.Adam follow the same update rules as
engine/numpy_backend/optimizers.py; `step(theta, dtheta)` keeps the NumPy engine's call shape.
"""

import torch

from engine.numpy_backend.optimizers import NAMES, check_lr


class TorchOptimizer:
    """Wraps a torch.optim optimizer over the single flat parameter θ."""

    def __init__(self, name: str, lr: float, theta: torch.Tensor):
        lr = check_lr(lr)
        if name == "sgd":
            self.opt = torch.optim.SGD([theta], lr=lr)
        elif name == "momentum":
            self.opt = torch.optim.SGD([theta], lr=lr, momentum=0.9)
        elif name == "adam":
            self.opt = torch.optim.Adam([theta], lr=lr, betas=(0.9, 0.999), eps=1e-8)
        else:
            raise ValueError(f"optimizer must be one of {', '.join(NAMES)}; got {name!r}")

    def step(self, theta: torch.Tensor, dtheta: torch.Tensor) -> None:
        """θ.grad already holds dθ (autograd wrote it); torch.optim applies the update."""
        self.opt.step()


def clip_by_norm(theta: torch.Tensor, max_norm: float) -> float:
    """Rescale θ.grad so that its L2 norm is at most max_norm; return the norm before clipping."""
    return float(torch.nn.utils.clip_grad_norm_([theta], max_norm))
