"""Recurrent networks in torch: the same RNN, LSTM and GRU as engine/numpy_backend/rnn.py.

Same class names, parameter names, shapes and initial θ (drawn by the NumPy model from the same
seed), written with explicit tensor ops so that every gate value can be shown; autograd does the
BPTT. The step functions are the lecture's equations, listed in the NumPy module's docstring.

`to_torch_nn` maps our parameters to torch.nn.RNN / nn.LSTM / nn.GRU (batch_first=True) and
`grads_from_torch_nn` maps their gradients back. torch stacks the gates of one layer into
weight_ih (G·n_h, n_in) and weight_hh (G·n_h, n_h), rows in the order
    RNN:  (h)             weight_ih = Uᵀ,                       weight_hh = Wᵀ
    LSTM: (i, f, g, o)    weight_ih = [W_xiᵀ; W_xfᵀ; W_xcᵀ; W_xoᵀ],  g is our ĉ (c_hat)
    GRU:  (r, z, n)       weight_ih = [W_xrᵀ; −W_xzᵀ; W_xhᵀ],      n is our h̃ (h_tilde)
and carries two biases, bias_ih and bias_hh, that add up; we keep one (bias_hh = 0) except for
the GRU candidate, where r_t scales b_hh alone. torch's GRU update gate is our 1 − z_t, and
1 − σ(a) = σ(−a): so its z rows are our z weights and bias with the sign flipped.
"""

import numpy as np
import torch

from engine.numpy_backend import rnn as np_rnn
from engine.params import views
from engine.torch_backend.losses import data_loss
from engine.torch_backend.mlp import pick_device
from engine.torch_backend.optimizers import TorchOptimizer, clip_by_norm


class Recurrent:
    """θ as one flat tensor with named views, the loop over time, the output layer."""

    numpy_model = np_rnn.Recurrent

    def __init__(self, n_in, n_h, n_out, seed=0, gain=1.0, device="cpu", dtype=torch.float32):
        ref = self.numpy_model(n_in, n_h, n_out, seed=seed, gain=gain)
        self.n_in, self.n_h, self.n_out, self.shapes = ref.n_in, ref.n_h, ref.n_out, ref.shapes
        self.names, self.state = ref.names, ref.state
        self.device, self.dtype = pick_device(device), dtype
        self.theta = torch.tensor(ref.theta, dtype=dtype, device=self.device).requires_grad_()

    @property
    def params(self) -> dict[str, torch.Tensor]:
        return views(self.theta, self.shapes)

    def tensor(self, A) -> torch.Tensor:
        return torch.as_tensor(A, dtype=self.dtype, device=self.device)

    def forward(self, X: torch.Tensor) -> tuple[torch.Tensor, dict]:
        """X (m, T, n_in) -> Z (m, T, n_out) and the per-step values, each (m, T, n_h)."""
        p = self.params
        m, T, _ = X.shape
        prev = {s: X.new_zeros((m, self.n_h)) for s in self.state}
        steps = []
        for t in range(T):
            step = self.step_forward(X[:, t], prev, p)
            steps.append(step)
            prev = {s: step[s] for s in self.state}
        cache = {name: torch.stack([step[name] for step in steps], dim=1) for name in self.names}
        return cache["h"] @ p["W_y"] + p["b_y"], cache  # (m, T, n_out)

    def make_optimizer(self, name: str, lr: float) -> TorchOptimizer:
        """torch.optim's SGD, Momentum or Adam: the same updates as our NumPy ones."""
        return TorchOptimizer(name, lr, self.theta)

    def train_step(self, X, Y, mask, loss: str, opt, max_norm: float = 0.0) -> tuple[float, float]:
        """Forward, loss, autograd BPTT, optional clipping, one step. Returns (J, ‖dθ‖)."""
        Z, _ = self.forward(self.tensor(X))
        Y = torch.as_tensor(Y, device=self.device)
        J = sequence_loss(Z, Y if loss == "softmax" else self.tensor(Y), self.tensor(mask), loss)
        self.theta.grad = None
        J.backward()
        norm = clip_by_norm(self.theta, max_norm) if max_norm > 0 else float(self.theta.grad.norm())
        opt.step(self.theta, self.theta.grad)
        return float(J.detach()), norm

    def predict(self, X: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return self.forward(self.tensor(X))[0].cpu().numpy().astype(np.float64)

    def get_theta(self) -> np.ndarray:
        return self.theta.detach().cpu().numpy().astype(np.float64)

    def set_theta(self, theta: np.ndarray) -> None:
        with torch.no_grad():
            self.theta.copy_(self.tensor(theta))

    def step_forward(self, x, prev, p) -> dict:
        raise NotImplementedError


class RNN(Recurrent):
    numpy_model = np_rnn.RNN

    def step_forward(self, x, prev, p):
        return {"h": torch.tanh(x @ p["U"] + prev["h"] @ p["W"] + p["b"])}


class LSTM(Recurrent):
    numpy_model = np_rnn.LSTM

    def step_forward(self, x, prev, p):
        h_prev, c_prev = prev["h"], prev["c"]
        f = torch.sigmoid(x @ p["W_xf"] + h_prev @ p["W_hf"] + p["b_f"])  # (m, n_h)
        i = torch.sigmoid(x @ p["W_xi"] + h_prev @ p["W_hi"] + p["b_i"])
        o = torch.sigmoid(x @ p["W_xo"] + h_prev @ p["W_ho"] + p["b_o"])
        c_hat = torch.tanh(x @ p["W_xc"] + h_prev @ p["W_hc"] + p["b_c"])
        c = f * c_prev + i * c_hat
        h = o * torch.tanh(c)
        return {"f": f, "i": i, "o": o, "c_hat": c_hat, "c": c, "h": h}


class GRU(Recurrent):
    numpy_model = np_rnn.GRU

    def step_forward(self, x, prev, p):
        h_prev = prev["h"]
        r = torch.sigmoid(x @ p["W_xr"] + h_prev @ p["W_hr"] + p["b_r"])  # (m, n_h)
        z = torch.sigmoid(x @ p["W_xz"] + h_prev @ p["W_hz"] + p["b_z"])
        h_tilde = torch.tanh(x @ p["W_xh"] + p["b_xh"] + r * (h_prev @ p["W_hh"] + p["b_hh"]))
        h = (1 - z) * h_prev + z * h_tilde
        return {"r": r, "z": z, "h_tilde": h_tilde, "h": h}


MODELS = {"RNN": RNN, "LSTM": LSTM, "GRU": GRU}


def sequence_loss(Z, Y, mask, kind: str) -> torch.Tensor:
    """The NumPy `sequence_loss` in torch: the engine's losses over the steps where mask is 1."""
    n_out = Z.shape[-1]
    rows = mask.reshape(-1) > 0
    Z_rows = Z.reshape(-1, n_out)[rows]  # (N, n_out)
    if kind == "softmax":
        Y_rows = torch.nn.functional.one_hot(Y.reshape(-1)[rows], n_out).to(Z.dtype)
        return data_loss("cce", Z_rows, None, Y_rows)
    if kind == "mse":
        return data_loss("half_mse", Z_rows, Z_rows, Y.reshape(-1, n_out)[rows])
    raise ValueError(f"loss kind must be 'softmax' or 'mse'; got {kind!r}")


# torch's gate blocks, in its row order: (our input weight, recurrent weight, bias, bias of
# b_hh or None, sign). See the module docstring.
TORCH_BLOCKS = {
    "RNN": [("U", "W", "b", None, 1)],
    "LSTM": [
        ("W_xi", "W_hi", "b_i", None, 1),
        ("W_xf", "W_hf", "b_f", None, 1),
        ("W_xc", "W_hc", "b_c", None, 1),
        ("W_xo", "W_ho", "b_o", None, 1),
    ],
    "GRU": [
        ("W_xr", "W_hr", "b_r", None, 1),
        ("W_xz", "W_hz", "b_z", None, -1),
        ("W_xh", "W_hh", "b_xh", "b_hh", 1),
    ],
}


def to_torch_nn(params: dict[str, np.ndarray], model: str) -> dict[str, np.ndarray]:
    """Our cell parameters -> the state dict of torch.nn.{RNN, LSTM, GRU} (one layer)."""
    blocks = TORCH_BLOCKS[model]
    n_h = params[blocks[0][1]].shape[0]
    zero = np.zeros(n_h)
    return {
        "weight_ih_l0": np.concatenate([s * params[x].T for x, _, _, _, s in blocks]),
        "weight_hh_l0": np.concatenate([s * params[h].T for _, h, _, _, s in blocks]),
        "bias_ih_l0": np.concatenate([s * params[b] for _, _, b, _, s in blocks]),
        "bias_hh_l0": np.concatenate([s * params[bh] if bh else zero for *_, bh, s in blocks]),
    }


def grads_from_torch_nn(grads: dict[str, np.ndarray], model: str) -> dict[str, np.ndarray]:
    """Gradients of torch.nn.{RNN, LSTM, GRU}'s weights -> dJ/dθ in our names and shapes.

    Our single bias feeds bias_ih and bias_hh alike (bias_hh = 0), so its gradient is either one.
    """
    state = grads
    ours = {}
    n_h = state["weight_hh_l0"].shape[1]
    for k, (x, h, b, bh, s) in enumerate(TORCH_BLOCKS[model]):
        rows = slice(k * n_h, (k + 1) * n_h)
        ours[x] = s * state["weight_ih_l0"][rows].T
        ours[h] = s * state["weight_hh_l0"][rows].T
        ours[b] = s * state["bias_ih_l0"][rows]
        if bh:
            ours[bh] = s * state["bias_hh_l0"][rows]
    return ours
