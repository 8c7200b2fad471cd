"""Recurrent networks in NumPy: vanilla RNN, LSTM and GRU with backpropagation through time (BPTT).

Lecture: "Red Neuronal Recurrente", "Long Short Term Memory", "Gated Recurrent Unit", "BPTT" and
"desvanecimiento o explosión de gradiente". Inputs are one-hot, shaped as the lecture shows:
X (m, T, n_in) = [batch_size, seq_max_len, vocab_size]. Every model reads X one time step at a
time (the loop over t is written out), keeps h_t (and c_t) and applies one output layer at every
step: Z_t = h_t·W_y + b_y, so Z is (m, T, n_out); `sequence_loss` decides which steps count.

Weights follow the engine's convention W: (n_in, n_out), rows are examples (x_t @ W). The lecture
writes one matrix per gate acting on the concatenation, W_f·[h_{t−1}, x_t]; we keep its two halves
apart as W_hf (n_h, n_h) and W_xf (n_in, n_h), so that W_f = [W_hf; W_xf] stacked row-wise and
W_f·[h_{t−1}, x_t] = h_{t−1} @ W_hf + x_t @ W_xf (the naming of d2l). Likewise for i, o and c.

    RNN   h_t = tanh(x_t·U + h_{t−1}·W + b)           (the lecture's S_t = tanh(U·X_t + W·S_{t−1}))
    LSTM  f_t = σ(x_t·W_xf + h_{t−1}·W_hf + b_f)       forget gate
          i_t = σ(x_t·W_xi + h_{t−1}·W_hi + b_i)       input gate
          o_t = σ(x_t·W_xo + h_{t−1}·W_ho + b_o)       output gate
          ĉ_t = tanh(x_t·W_xc + h_{t−1}·W_hc + b_c)    memory update (candidate)
          c_t = f_t * c_{t−1} + i_t * ĉ_t              memory
          h_t = o_t * tanh(c_t)                        output
    GRU   r_t = σ(x_t·W_xr + h_{t−1}·W_hr + b_r)       reset gate
          z_t = σ(x_t·W_xz + h_{t−1}·W_hz + b_z)       update gate
          h̃_t = tanh(x_t·W_xh + b_xh + r_t * (h_{t−1}·W_hh + b_hh))
          h_t = (1 − z_t) * h_{t−1} + z_t * h̃_t

The GRU departs from the lecture in one place: the lecture resets before the product,
h̃_t = tanh(W·[r_t * h_{t−1}, x_t]); we reset after it, r_t * (h_{t−1}·W_hh + b_hh), which is the
form of Cho et al. (2014), cuDNN and torch.nn.GRU. Both let r_t erase the past from the
candidate; this one lets us check our gradients against torch. The update gate keeps the
lecture's meaning (z_t = 1 writes the candidate); torch's z is our 1 − z_t.
"""

import numpy as np

from engine.numpy_backend.activations import sigmoid, softmax
from engine.numpy_backend.losses import data_loss, output_grad
from engine.numpy_backend.optimizers import clip_by_norm, make_optimizer
from engine.params import size, views

MAX_HIDDEN = 128  # server limit on n_h: one session must not starve the others
MAX_INPUTS = 128  # server limit on the vocabulary (one-hot width) and the output size


def check_size(name: str, value: int, limit: int) -> int:
    """A layer size must be a whole number in [1, limit]; the message names the parameter."""
    if int(value) != value or not 1 <= value <= limit:
        raise ValueError(
            f"{name} must be a whole number from 1 to {limit} (server limit); got {value}"
        )
    return int(value)


class Recurrent:
    """What RNN, LSTM and GRU share: θ as named views, the loop over time, the output layer.

    Subclasses name their per-step values (`names`, shown as heatmaps), the ones carried to the
    next step (`state`), their parameter shapes, and one step forward and backward.
    """

    names: tuple[str, ...] = ("h",)
    state: tuple[str, ...] = ("h",)
    recurrent: tuple[str, ...] = ()  # the (n_h, n_h) matrices scaled by `gain` at init

    def __init__(self, n_in: int, n_h: int, n_out: int, seed: int = 0, gain: float = 1.0):
        self.n_in = check_size("vocabulary size n_in", n_in, MAX_INPUTS)
        self.n_h = check_size("hidden size n_h", n_h, MAX_HIDDEN)
        self.n_out = check_size("output size n_out", n_out, MAX_INPUTS)
        self.shapes = {**self.cell_shapes(), "W_y": (self.n_h, self.n_out), "b_y": (self.n_out,)}
        self.theta = init_theta(self.shapes, self.recurrent, seed, gain, self.bias_init())  # (P,)
        self.dtheta = np.zeros_like(self.theta)  # (P,)
        self.params = views(self.theta, self.shapes)
        self.grads = views(self.dtheta, self.shapes)

    def cell_shapes(self) -> dict[str, tuple[int, ...]]:
        raise NotImplementedError

    def bias_init(self) -> dict[str, float]:
        return {}

    def forward(self, X: np.ndarray) -> tuple[np.ndarray, dict]:
        """X (m, T, n_in) -> Z (m, T, n_out) and a cache of per-step values, each (m, T, n_h)."""
        m, T, _ = X.shape
        prev = {s: np.zeros((m, self.n_h), dtype=self.theta.dtype) for s in self.state}
        steps = []
        for t in range(T):
            step = self.step_forward(X[:, t], prev, self.params)
            steps.append(step)
            prev = {s: step[s] for s in self.state}
        cache = {name: np.stack([step[name] for step in steps], axis=1) for name in self.names}
        cache["X"] = X
        Z = cache["h"] @ self.params["W_y"] + self.params["b_y"]  # (m, T, n_out)
        return Z, cache

    def backward(self, dZ: np.ndarray, cache: dict) -> np.ndarray:
        """BPTT: write dJ/dθ into self.grads; return dJ/dh_t for every step, (m, T, n_h).

        Two sources of error reach h_t (lecture, BPTT): the output at step t and the next step
        t+1 through the recurrence. Gradients of shared weights add up over all time steps.
        """
        self.dtheta[:] = 0
        X, H = cache["X"], cache["h"]
        m, T, _ = X.shape
        self.grads["W_y"] += H.reshape(m * T, -1).T @ dZ.reshape(m * T, -1)  # (n_h, n_out)
        self.grads["b_y"] += dZ.sum(axis=(0, 1))  # (n_out,)
        dH_out = dZ @ self.params["W_y"].T  # (m, T, n_h) error from the outputs
        dH = np.zeros_like(dH_out)  # (m, T, n_h) total dJ/dh_t
        zeros = np.zeros((m, self.n_h), dtype=self.theta.dtype)
        dnext = {s: zeros for s in self.state}
        for t in reversed(range(T)):
            dnext["h"] = dnext["h"] + dH_out[:, t]
            dH[:, t] = dnext["h"]
            prev = {s: cache[s][:, t - 1] if t > 0 else zeros for s in self.state}
            step = {name: cache[name][:, t] for name in self.names}
            dnext = self.step_backward(dnext, X[:, t], prev, step, self.params, self.grads)
        return dH

    def make_optimizer(self, name: str, lr: float):
        """SGD, Momentum or Adam over this model's θ."""
        return make_optimizer(name, lr, self.theta.size)

    def train_step(self, X, Y, mask, loss: str, opt, max_norm: float = 0.0) -> tuple[float, float]:
        """Forward, loss, BPTT, optional clipping of ‖dθ‖, one optimizer step. Returns (J, ‖dθ‖)."""
        Z, cache = self.forward(X)
        J, dZ = sequence_loss(Z, Y, mask, loss)
        self.backward(dZ, cache)
        if max_norm > 0:
            norm = clip_by_norm(self.dtheta, max_norm)
        else:
            norm = float(np.linalg.norm(self.dtheta))
        opt.step(self.theta, self.dtheta)
        return J, norm

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Z (m, T, n_out) for inputs X (m, T, n_in)."""
        return self.forward(X)[0]

    def get_theta(self) -> np.ndarray:
        """A copy of θ (the same layout in both backends)."""
        return self.theta.copy()

    def set_theta(self, theta: np.ndarray) -> None:
        self.theta[:] = theta

    def step_forward(self, x: np.ndarray, prev: dict, p: dict) -> dict:
        raise NotImplementedError

    def step_backward(self, dnext: dict, x: np.ndarray, prev: dict, step: dict, p, g) -> dict:
        raise NotImplementedError


class RNN(Recurrent):
    """Vanilla (Elman) RNN. U, W, b are the lecture's U and W (plus a bias); h_t is its S_t."""

    names = ("h",)
    state = ("h",)
    recurrent = ("W",)

    def cell_shapes(self):
        return {"U": (self.n_in, self.n_h), "W": (self.n_h, self.n_h), "b": (self.n_h,)}

    def step_forward(self, x, prev, p):
        h = np.tanh(x @ p["U"] + prev["h"] @ p["W"] + p["b"])  # (m, n_h)
        return {"h": h}

    def step_backward(self, dnext, x, prev, step, p, g):
        dA = dnext["h"] * (1 - step["h"] ** 2)  # (m, n_h) through tanh
        g["U"] += x.T @ dA
        g["W"] += prev["h"].T @ dA
        g["b"] += dA.sum(axis=0)
        return {"h": dA @ p["W"].T}  # dJ/dh_{t−1}: one factor W·diag(1 − h²) per step back


class LSTM(Recurrent):
    """Long short-term memory: the lecture's six lines, gates f, i, o, candidate ĉ, memory c."""

    names = ("f", "i", "o", "c_hat", "c", "h")
    state = ("h", "c")
    recurrent = ("W_hf", "W_hi", "W_ho", "W_hc")
    gates = ("f", "i", "o", "c")  # suffixes of W_x*, W_h*, b_*

    def cell_shapes(self):
        shapes = {}
        for g in self.gates:
            shapes |= {f"W_x{g}": (self.n_in, self.n_h), f"W_h{g}": (self.n_h, self.n_h)}
            shapes[f"b_{g}"] = (self.n_h,)
        return shapes

    def bias_init(self):
        return {"b_f": 2.0}  # start by remembering (Jozefowicz et al., 2015)

    def step_forward(self, x, prev, p):
        h_prev, c_prev = prev["h"], prev["c"]
        f = sigmoid(x @ p["W_xf"] + h_prev @ p["W_hf"] + p["b_f"])  # (m, n_h) forget gate
        i = sigmoid(x @ p["W_xi"] + h_prev @ p["W_hi"] + p["b_i"])  # (m, n_h) input gate
        o = sigmoid(x @ p["W_xo"] + h_prev @ p["W_ho"] + p["b_o"])  # (m, n_h) output gate
        c_hat = np.tanh(x @ p["W_xc"] + h_prev @ p["W_hc"] + p["b_c"])  # (m, n_h) candidate
        c = f * c_prev + i * c_hat  # (m, n_h) memory
        h = o * np.tanh(c)  # (m, n_h) output
        return {"f": f, "i": i, "o": o, "c_hat": c_hat, "c": c, "h": h}

    def step_backward(self, dnext, x, prev, step, p, g):
        f, i, o, c_hat, c = (step[k] for k in ("f", "i", "o", "c_hat", "c"))
        tanh_c = np.tanh(c)
        dc = dnext["c"] + dnext["h"] * o * (1 - tanh_c**2)  # (m, n_h) memory gets both sources
        dA = {
            "f": dc * prev["c"] * f * (1 - f),  # through σ of the forget gate
            "i": dc * c_hat * i * (1 - i),
            "o": dnext["h"] * tanh_c * o * (1 - o),
            "c": dc * i * (1 - c_hat**2),  # through tanh of the candidate
        }
        dh_prev = np.zeros_like(dc)
        for k, dA_k in dA.items():
            g[f"W_x{k}"] += x.T @ dA_k
            g[f"W_h{k}"] += prev["h"].T @ dA_k
            g[f"b_{k}"] += dA_k.sum(axis=0)
            dh_prev += dA_k @ p[f"W_h{k}"].T
        return {"h": dh_prev, "c": dc * f}  # the memory path: one factor f_t per step back


class GRU(Recurrent):
    """Gated recurrent unit: reset r, update z, candidate h̃ (torch's reset placement, see above)."""

    names = ("r", "z", "h_tilde", "h")
    state = ("h",)
    recurrent = ("W_hr", "W_hz", "W_hh")

    def bias_init(self):
        return {"b_z": -2.0}

    def cell_shapes(self):
        n_in, n_h = self.n_in, self.n_h
        shapes = {}
        for g in ("r", "z"):
            shapes |= {f"W_x{g}": (n_in, n_h), f"W_h{g}": (n_h, n_h), f"b_{g}": (n_h,)}
        return shapes | {"W_xh": (n_in, n_h), "W_hh": (n_h, n_h), "b_xh": (n_h,), "b_hh": (n_h,)}

    def step_forward(self, x, prev, p):
        h_prev = prev["h"]
        r = sigmoid(x @ p["W_xr"] + h_prev @ p["W_hr"] + p["b_r"])  # (m, n_h) reset gate
        z = sigmoid(x @ p["W_xz"] + h_prev @ p["W_hz"] + p["b_z"])  # (m, n_h) update gate
        h_tilde = np.tanh(x @ p["W_xh"] + p["b_xh"] + r * (h_prev @ p["W_hh"] + p["b_hh"]))
        h = (1 - z) * h_prev + z * h_tilde  # (m, n_h)
        return {"r": r, "z": z, "h_tilde": h_tilde, "h": h}

    def step_backward(self, dnext, x, prev, step, p, g):
        h_prev, dh = prev["h"], dnext["h"]
        r, z, h_tilde = step["r"], step["z"], step["h_tilde"]
        dA_h = dh * z * (1 - h_tilde**2)  # (m, n_h) through tanh of the candidate
        g["W_xh"] += x.T @ dA_h
        g["b_xh"] += dA_h.sum(axis=0)
        Q = h_prev @ p["W_hh"] + p["b_hh"]  # (m, n_h) the part the reset gate scales
        dQ = dA_h * r
        g["W_hh"] += h_prev.T @ dQ
        g["b_hh"] += dQ.sum(axis=0)
        dh_prev = dh * (1 - z) + dQ @ p["W_hh"].T  # the (1 − z) path carries memory back
        dA = {"r": dA_h * Q * r * (1 - r), "z": dh * (h_tilde - h_prev) * z * (1 - z)}
        for k, dA_k in dA.items():
            g[f"W_x{k}"] += x.T @ dA_k
            g[f"W_h{k}"] += h_prev.T @ dA_k
            g[f"b_{k}"] += dA_k.sum(axis=0)
            dh_prev += dA_k @ p[f"W_h{k}"].T
        return {"h": dh_prev}


MODELS = {"RNN": RNN, "LSTM": LSTM, "GRU": GRU}


def init_theta(shapes: dict, recurrent: tuple, seed: int, gain: float, biases: dict) -> np.ndarray:
    """θ drawn like torch.nn.RNN/LSTM/GRU: every weight from U(−1/√n_h, 1/√n_h); biases 0 unless
    given (torch draws them too; we start them at 0 so that b_f = 1 is the only nudge).

    The recurrent matrices are then multiplied by `gain`. At gain 1 an (n_h, n_h) matrix has
    spectral radius about 1/√3 ≈ 0.58, so a plain RNN's BPTT product shrinks at every step
    (vanishing gradients); a gain above about 1.7 pushes it past 1, where it can explode.
    """
    if not np.isfinite(gain) or not 0 < gain <= 10:
        raise ValueError(f"recurrent weight gain must be in (0, 10]; got {gain}")
    rng = np.random.default_rng(seed)
    theta = np.zeros(size(shapes))  # (P,)
    k = 1.0 / np.sqrt(shapes["W_y"][0])  # 1/√n_h
    for name, view in views(theta, shapes).items():
        if name.startswith("b"):
            view[:] = biases.get(name, 0.0)
        else:
            view[:] = rng.uniform(-k, k, size=view.shape)
            view *= gain if name in recurrent else 1.0
    return theta


def sequence_loss(Z: np.ndarray, Y: np.ndarray, mask: np.ndarray, kind: str):
    """The mean loss over the N steps where mask is 1, and dJ/dZ (zero elsewhere). (J, dZ).

    kind "softmax": Y (m, T) integer classes; J = −(1/N)·Σ log ŷ_y (cross-entropy of softmax(Z)).
    kind "mse": Y (m, T, n_out) real targets; J = 1/(2N)·Σ(y − ŷ)² (the lecture's loss), ŷ = Z.
    Every counted step is one row of the engine's losses (engine/numpy_backend/losses.py).
    """
    n_out = Z.shape[-1]
    rows = mask.reshape(-1) > 0  # (m·T,) the steps that count
    Z_rows = Z.reshape(-1, n_out)[rows]  # (N, n_out)
    if kind == "softmax":
        Y_rows = np.eye(n_out)[Y.reshape(-1)[rows]]  # (N, n_out) one-hot targets
        A, loss, output = softmax(Z_rows), "cce", "softmax"
    elif kind == "mse":
        Y_rows = Y.reshape(-1, n_out)[rows]
        A, loss, output = Z_rows, "half_mse", "linear"
    else:
        raise ValueError(f"loss kind must be 'softmax' or 'mse'; got {kind!r}")
    dZ = np.zeros_like(Z)  # (m, T, n_out)
    if not rows.any():
        return 0.0, dZ
    dZ.reshape(-1, n_out)[rows] = output_grad(loss, output, Z_rows, A, Y_rows)
    return data_loss(loss, Z_rows, A, Y_rows), dZ
