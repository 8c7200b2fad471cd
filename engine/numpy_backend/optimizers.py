"""Gradient-descent optimizers over a flat parameter vector θ (lecture: SGD and its variants).

    SGD:       θ := θ − α·dθ
    Momentum:  v := β·v + dθ,        θ := θ − α·v          (PyTorch's convention, no dampening)
    Adam:      m := β1·m + (1−β1)·dθ,  v := β2·v + (1−β2)·dθ²
               θ := θ − α·m̂ / (√v̂ + ε),  m̂ = m/(1−β1^t),  v̂ = v/(1−β2^t)

`clip_by_norm` rescales dθ when its L2 norm exceeds a threshold (the lecture's remedy for exploding
gradients). Every update works in place on the arrays it is given, so θ's named views stay valid.
"""

import numpy as np

NAMES = ("sgd", "momentum", "adam")


class SGD:
    """Plain (minibatch) gradient descent."""

    def __init__(self, lr: float, size: int, dtype=np.float64):
        self.lr = check_lr(lr)

    def step(self, theta: np.ndarray, dtheta: np.ndarray) -> None:
        theta -= self.lr * dtheta


class Momentum:
    """Gradient descent with a velocity that accumulates past gradients."""

    def __init__(self, lr: float, size: int, beta: float = 0.9, dtype=np.float64):
        self.lr, self.beta = check_lr(lr), beta
        self.v = np.zeros(size, dtype=dtype)  # (P,)

    def step(self, theta: np.ndarray, dtheta: np.ndarray) -> None:
        self.v *= self.beta
        self.v += dtheta
        theta -= self.lr * self.v


class Adam:
    """Adaptive moments: a per-parameter step size from running averages of dθ and dθ²."""

    def __init__(
        self,
        lr: float,
        size: int,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        dtype=np.float64,
    ):
        self.lr, self.beta1, self.beta2, self.eps = check_lr(lr), beta1, beta2, eps
        self.m = np.zeros(size, dtype=dtype)  # (P,) first moment
        self.v = np.zeros(size, dtype=dtype)  # (P,) second moment
        self.t = 0

    def step(self, theta: np.ndarray, dtheta: np.ndarray) -> None:
        self.t += 1
        self.m *= self.beta1
        self.m += (1 - self.beta1) * dtheta
        self.v *= self.beta2
        self.v += (1 - self.beta2) * dtheta * dtheta
        m_hat = self.m / (1 - self.beta1**self.t)
        v_hat = self.v / (1 - self.beta2**self.t)
        theta -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def make_optimizer(name: str, lr: float, size: int, dtype=np.float64):
    """Build an optimizer by name: 'sgd', 'momentum' or 'adam'."""
    classes = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
    if name not in classes:
        raise ValueError(f"optimizer must be one of {', '.join(NAMES)}; got {name!r}")
    return classes[name](lr, size, dtype=dtype)


def clip_by_norm(dtheta: np.ndarray, max_norm: float) -> float:
    """Rescale dθ in place so that ‖dθ‖₂ ≤ max_norm; return the norm before clipping.

    The factor max_norm / (‖dθ‖ + 1e-6) matches torch.nn.utils.clip_grad_norm_.
    """
    norm = float(np.sqrt(np.dot(dtheta, dtheta)))
    coef = max_norm / (norm + 1e-6)
    if coef < 1:
        dtheta *= coef
    return norm


def check_lr(lr: float) -> float:
    """A learning rate must be a finite number in (0, 1e3]."""
    lr = float(lr)
    if not np.isfinite(lr) or lr <= 0 or lr > 1e3:
        raise ValueError(f"learning rate α must be a number in (0, 1000]; got {lr}")
    return lr
