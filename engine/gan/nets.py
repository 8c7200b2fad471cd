"""G and D as small MLPs with hand-written backpropagation (NumPy), the GAN losses and the two
optimizers.

Rows are examples: Z = A_prev @ W + b. The hidden layers use ReLU; G ends in Dense(2) with tanh,
D ends in Dense(1) whose output s is a logit, D(x) = σ(s). The losses take the logits (stable
softplus), and every backward returns dA for its input as well, so that G's gradient flows back
through D's layers into G: dJ_G/dθ_G = dJ_G/dD · dD/dx · dx/dθ_G.
"""

import itertools

import numpy as np

Params = list[tuple[np.ndarray, np.ndarray]]  # [(W, b) per layer]


def init_mlp(sizes: tuple[int, ...], rng: np.random.Generator) -> Params:
    """He-initialized weights W (n_in, n_out) ~ N(0, 2 / n_in) and zero biases, layer by layer."""
    return [
        (rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in), np.zeros(n_out))
        for n_in, n_out in itertools.pairwise(sizes)
    ]


def mlp_forward(X: np.ndarray, params: Params, out: str) -> tuple[np.ndarray, list]:
    """ReLU hidden layers, then the output layer: "tanh" (G) or "logit" (D, no activation).
    Returns the output (m, n_out) and the cache [(A_prev, Z) per layer]."""
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b  # (m, n_out)
        cache.append((A, Z))
        last = i == len(params) - 1
        A = (np.tanh(Z) if out == "tanh" else Z) if last else np.maximum(Z, 0.0)
    return A, cache


def mlp_backward(dOut: np.ndarray, cache: list, params: Params, out: str):
    """dJ/dθ for every (W, b) and dJ/dX for the input, from dOut = dJ/d(output) (m, n_out)."""
    grads = [None] * len(params)
    dA = dOut
    for i in reversed(range(len(params))):
        A_prev, Z = cache[i]
        W, _ = params[i]
        if i == len(params) - 1:
            dZ = dA * (1.0 - np.tanh(Z) ** 2) if out == "tanh" else dA  # (m, n_out)
        else:
            dZ = dA * (Z > 0)  # ReLU'
        grads[i] = (A_prev.T @ dZ, dZ.sum(axis=0))  # dW (n_in, n_out), db (n_out,)
        dA = dZ @ W.T  # (m, n_in)
    return grads, dA


def sigmoid(s: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * s))  # σ(s), without overflow


def softplus(s: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, s)  # log(1 + e^s) = -log σ(-s)


def d_loss(s_real: np.ndarray, s_fake: np.ndarray, loss: str):
    """D's loss J_D and dJ_D/ds for its logits on real (m_r, 1) and fake (m_f, 1) samples.

    log: J_D = -mean log D(x) - mean log(1 - D(G(z))), the negative of V(D, G) that D maximizes.
    least squares: J_D = ½ mean (D(x) - 1)² + ½ mean D(G(z))²."""
    m_r, m_f = len(s_real), len(s_fake)
    D_r, D_f = sigmoid(s_real), sigmoid(s_fake)
    if loss == "log":
        J = softplus(-s_real).mean() + softplus(s_fake).mean()
        return J, (D_r - 1.0) / m_r, D_f / m_f
    J = 0.5 * ((D_r - 1.0) ** 2).mean() + 0.5 * (D_f**2).mean()
    return J, (D_r - 1.0) * D_r * (1.0 - D_r) / m_r, D_f * D_f * (1.0 - D_f) / m_f


def g_loss(s_fake: np.ndarray, loss: str):
    """G's loss J_G and dJ_G/ds for D's logits on its samples (m, 1).

    log: the non-saturating J_G = -mean log D(G(z)) (log(1 - D(G(z))) saturates while D wins).
    least squares: J_G = ½ mean (D(G(z)) - 1)²."""
    m = len(s_fake)
    D_f = sigmoid(s_fake)
    if loss == "log":
        return softplus(-s_fake).mean(), (D_f - 1.0) / m
    return 0.5 * ((D_f - 1.0) ** 2).mean(), (D_f - 1.0) * D_f * (1.0 - D_f) / m


def new_opt_state(params: Params) -> dict:
    """Adam's moments (zero) and step count; SGD ignores them."""
    zeros = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
    return {"t": 0, "m": zeros, "v": [(a.copy(), c.copy()) for a, c in zeros]}


BETA1, BETA2, EPS = 0.9, 0.999, 1e-8


def update(params: Params, grads, opt: str, lr: float, state: dict) -> Params:
    """One step: SGD θ := θ - α dθ, or Adam (β1 = 0.9, β2 = 0.999, ε = 1e-8)."""
    if opt == "sgd":
        return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads, strict=True)]
    state["t"] += 1
    t, new = state["t"], []
    for i, ((W, b), (dW, db)) in enumerate(zip(params, grads, strict=True)):
        pair = []
        for j, (p, g) in enumerate(((W, dW), (b, db))):
            m = state["m"][i][j]
            v = state["v"][i][j]
            m *= BETA1
            m += (1 - BETA1) * g
            v *= BETA2
            v += (1 - BETA2) * g * g
            m_hat, v_hat = m / (1 - BETA1**t), v / (1 - BETA2**t)
            pair.append(p - lr * m_hat / (np.sqrt(v_hat) + EPS))
        new.append(tuple(pair))
    return new
