"""G and D in torch, the twin of numpy_pair.py: the same initial weights (drawn with the same
NumPy generator), the same losses and update formulas, with autograd computing the gradients.
float64, on "cpu" or "cuda"; tests hold its training equal to the NumPy engine's."""

import numpy as np
import torch
from torch.nn.functional import softplus

from engine.gan import nets

TParams = list[tuple[torch.Tensor, torch.Tensor]]


def mlp_forward(X: torch.Tensor, params: TParams, out: str) -> torch.Tensor:
    """ReLU hidden layers, then tanh (G) or the logit s (D), as nets.mlp_forward."""
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b  # (m, n_out)
        last = i == len(params) - 1
        A = (torch.tanh(Z) if out == "tanh" else Z) if last else torch.relu(Z)
    return A


def d_loss(s_real: torch.Tensor, s_fake: torch.Tensor, loss: str) -> torch.Tensor:
    if loss == "log":
        return softplus(-s_real).mean() + softplus(s_fake).mean()
    return (
        0.5 * ((torch.sigmoid(s_real) - 1) ** 2).mean() + 0.5 * (torch.sigmoid(s_fake) ** 2).mean()
    )


def g_loss(s_fake: torch.Tensor, loss: str) -> torch.Tensor:
    if loss == "log":
        return softplus(-s_fake).mean()  # non-saturating: -log D(G(z))
    return 0.5 * ((torch.sigmoid(s_fake) - 1) ** 2).mean()


class TorchPair:
    """The two networks as float64 tensors, their optimizer states and one update of each."""

    def __init__(self, spec, rng: np.random.Generator) -> None:
        self.spec = spec
        if spec.device == "cuda" and not torch.cuda.is_available():
            raise ValueError("torch sees no CUDA GPU on this server: pick NumPy or torch (CPU)")
        self.device = torch.device(spec.device)
        G = nets.init_mlp((spec.noise_dim, *spec.g_layers, 2), rng)  # the NumPy engine's draws
        D = nets.init_mlp((2, *spec.d_layers, 1), rng)
        self.load(G, D)
        self.opt_G, self.opt_D = self.new_opt_state(self.G), self.new_opt_state(self.D)

    def tensor(self, A: np.ndarray) -> torch.Tensor:
        return torch.as_tensor(A, dtype=torch.float64, device=self.device)

    def new_opt_state(self, params: TParams) -> dict:
        zeros = [(torch.zeros_like(W), torch.zeros_like(b)) for W, b in params]
        return {"t": 0, "m": zeros, "v": [(a.clone(), c.clone()) for a, c in zeros]}

    def update(self, params: TParams, grads, opt: str, lr: float, state: dict) -> TParams:
        """SGD or Adam, the formulas of nets.update."""
        if opt == "adam":
            state["t"] += 1
        t, new = state["t"], []
        for i, ((W, b), (dW, db)) in enumerate(zip(params, grads, strict=True)):
            pair = []
            for j, (p, g) in enumerate(((W, dW), (b, db))):
                if opt == "sgd":
                    pair.append(p - lr * g)
                    continue
                m = state["m"][i][j].mul_(nets.BETA1).add_((1 - nets.BETA1) * g)
                v = state["v"][i][j].mul_(nets.BETA2).add_((1 - nets.BETA2) * g * g)
                m_hat, v_hat = m / (1 - nets.BETA1**t), v / (1 - nets.BETA2**t)
                pair.append(p - lr * m_hat / (torch.sqrt(v_hat) + nets.EPS))
            new.append(tuple(x.detach().requires_grad_() for x in pair))
        return new

    def d_update(self, X_real: np.ndarray, Z: np.ndarray) -> float:
        with torch.no_grad():
            X_fake = mlp_forward(self.tensor(Z), self.G, "tanh")  # G is not updated here
        s = mlp_forward(torch.cat([self.tensor(X_real), X_fake]), self.D, "logit")
        J = d_loss(s[: len(X_real)], s[len(X_real) :], self.spec.loss)
        flat = torch.autograd.grad(J, [p for layer in self.D for p in layer])
        grads = list(zip(flat[::2], flat[1::2], strict=True))
        self.D = self.update(self.D, grads, self.spec.opt_d, self.spec.lr_d, self.opt_D)
        return float(J.detach())

    def g_update(self, Z: np.ndarray) -> float:
        s = mlp_forward(mlp_forward(self.tensor(Z), self.G, "tanh"), self.D, "logit")
        J = g_loss(s, self.spec.loss)
        flat = torch.autograd.grad(J, [p for layer in self.G for p in layer])  # through D
        grads = list(zip(flat[::2], flat[1::2], strict=True))
        self.G = self.update(self.G, grads, self.spec.opt_g, self.spec.lr_g, self.opt_G)
        return float(J.detach())

    def params(self) -> tuple[nets.Params, nets.Params]:
        """(G, D) as NumPy arrays."""

        def numpy(params: TParams) -> nets.Params:
            return [(W.detach().cpu().numpy(), b.detach().cpu().numpy()) for W, b in params]

        return numpy(self.G), numpy(self.D)

    def load(self, G: nets.Params, D: nets.Params) -> None:
        def leaf(params: nets.Params) -> TParams:
            return [
                (self.tensor(W).requires_grad_(), self.tensor(b).requires_grad_())
                for W, b in params
            ]

        self.G, self.D = leaf(G), leaf(D)

    def state(self) -> tuple:
        def clone(opt: dict) -> dict:
            pairs = {k: [(a.clone(), c.clone()) for a, c in opt[k]] for k in ("m", "v")}
            return {"t": opt["t"], **pairs}

        G, D = self.params()
        return ([(W.copy(), b.copy()) for W, b in G], [(W.copy(), b.copy()) for W, b in D],
                clone(self.opt_G), clone(self.opt_D))  # fmt: skip

    def restore(self, state: tuple) -> None:
        G, D, self.opt_G, self.opt_D = state
        self.load(G, D)
