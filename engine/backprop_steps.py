"""Backpropagation step by step on the lecture's XOR workshop network (lecture: backprop, XOR).

The workshop net has 3 inputs, 4 sigmoid hidden units and 1 sigmoid output, no biases (b = 0), and
learns XOR with binary cross-entropy. The notes do not list X; we use the classic XOR table with a
constant third input x3 = 1, which plays the bias's role through W[1]'s third row.

`trace` runs ONE forward and ONE backward pass of the engine's own MLP and turns its cache and
gradients into an ordered list of `Step`s: each with the formula (LaTeX, the lecture's symbols),
the same formula with the numbers plugged in, and the arrays it produced. Nothing is recomputed
here except what a formula line shows (e.g. W − α·dW); the tests check each shown formula
against the engine's results. The engine keeps examples as rows, so the lecture's W·a reads A @ W.

    Z[l] = A[l−1] W[l] + b[l]      A[l] = σ(Z[l])           J = −(1/m) Σ [y log ŷ + (1−y) log(1−ŷ)]
    δ[2] = (A[2] − Y)/m            dW[l] = A[l−1]ᵀ δ[l]     db[l] = Σ_rows δ[l]
    dA[1] = δ[2] W[2]ᵀ             δ[1] = dA[1] ⊙ σ'(Z[1]) = dA[1] ⊙ A[1] ⊙ (1 − A[1])
    W[l] := W[l] − α·dW[l]         (b stays 0, as in the workshop)
"""

from dataclasses import dataclass, field

import numpy as np

from engine.backends import make_mlp
from engine.datasets import xor_workshop
from engine.gradcheck import numerical_gradient, relative_error
from engine.numpy_backend.activations import derivative
from engine.spec import MLPSpec, to_targets

XOR_SPEC = MLPSpec(n_in=3, hidden=(4,), n_out=1, activation="sigmoid", output="sigmoid", loss="bce")
MAX_EPOCHS = 20_000


@dataclass(frozen=True)
class Step:
    """One line of the derivation: what it computes, with which numbers, and the result.

    key names the step's title and explanation in the page's text file; phase is forward, loss,
    backward or update; layer is the lecture's l. `operands` are the arrays plugged in and
    `results` the arrays produced, both by the lecture's names (A0, Z1, dW2, ...).
    """

    key: str
    phase: str
    layer: int
    formulas: tuple[str, ...]
    plugged: tuple[str, ...]
    operands: dict = field(default_factory=dict)
    results: dict = field(default_factory=dict)


def fmt(x: float, digits: int = 4) -> str:
    """A number for LaTeX: 4 significant digits, powers of ten instead of e-notation."""
    if x == 0:
        return "0"
    text = f"{x:.{digits}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return rf"{mantissa}\cdot10^{{{int(exponent)}}}"


def bmatrix(A: np.ndarray) -> str:
    """An array (scalar, vector as a row, or matrix) as a LaTeX bmatrix."""
    A = np.atleast_2d(A)
    rows = [" & ".join(fmt(float(x)) for x in row) for row in A]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def two_lines(lhs: str, rhs: str) -> str:
    """lhs on one line and "= rhs" below it: three matrices side by side do not fit a column."""
    return rf"\begin{{gathered}}{lhs} \\ = {rhs}\end{{gathered}}"


def forward_steps(X: np.ndarray, Zs: list, As: list, model) -> list[Step]:
    steps = [
        Step(
            "input", "forward", 0, (r"A^{[0]} = X",), (rf"A^{{[0]}} = {bmatrix(X)}",), {}, {"A0": X}
        )
    ]
    for l, (Z, A) in enumerate(zip(Zs, As[1:], strict=True), start=1):
        W, b, A_prev = model.params[f"W{l}"], model.params[f"b{l}"], As[l - 1]
        z_line = two_lines(rf"{bmatrix(A_prev)} {bmatrix(W)} + {bmatrix(b)}", bmatrix(Z))
        z_formula = rf"Z^{{[{l}]}} = A^{{[{l - 1}]}} W^{{[{l}]}} + b^{{[{l}]}}"
        operands = {"A_prev": A_prev, "W": W.copy(), "b": b.copy()}
        steps.append(Step("z", "forward", l, (z_formula,), (z_line,), operands, {f"Z{l}": Z}))
        a_formula = rf"A^{{[{l}]}} = \sigma(Z^{{[{l}]}}) = \frac{{1}}{{1 + e^{{-Z^{{[{l}]}}}}}}"
        a_line = rf"\sigma\left({bmatrix(Z)}\right) = {bmatrix(A)}"
        steps.append(Step("a", "forward", l, (a_formula,), (a_line,), {"Z": Z}, {f"A{l}": A}))
    return steps


def loss_step(A: np.ndarray, Y: np.ndarray, J: float) -> Step:
    m = Y.shape[0]
    terms = [
        rf"\log({fmt(a)})" if y == 1 else rf"\log(1 - {fmt(a)})"
        for a, y in zip(A[:, 0], Y[:, 0], strict=True)
    ]
    formula = (
        r"J = -\frac{1}{m}\sum_{i=1}^{m}"
        r"\left[y_i \log \hat{y}_i + (1 - y_i)\log(1 - \hat{y}_i)\right]"
    )
    line = rf"J = -\frac{{1}}{{{m}}}\left[{' + '.join(terms)}\right] = {fmt(J)}"
    return Step("loss", "loss", 2, (formula,), (line,), {"Y_hat": A, "Y": Y}, {"J": np.array(J)})


def grads_step(l: int, A_prev: np.ndarray, dZ: np.ndarray, dW: np.ndarray, db: np.ndarray) -> Step:
    formulas = (
        rf"dW^{{[{l}]}} = A^{{[{l - 1}]\top}} \delta^{{[{l}]}}",
        rf"db^{{[{l}]}} = \sum_{{i}} \delta^{{[{l}]}}_i",
    )
    plugged = (
        two_lines(rf"{bmatrix(A_prev.T)} {bmatrix(dZ)}", bmatrix(dW)),
        rf"db^{{[{l}]}} = {bmatrix(db)}",
    )
    operands = {"A_prev": A_prev, "dZ": dZ}
    return Step("grads", "backward", l, formulas, plugged, operands, {f"dW{l}": dW, f"db{l}": db})


def delta_out_step(L: int, A: np.ndarray, Y: np.ndarray, dZ: np.ndarray) -> Step:
    """The lecture's shortcut for σ + cross-entropy: dL/dz = a − y, divided by m for the mean J."""
    m = Y.shape[0]
    formula = (
        rf"\delta^{{[{L}]}} = \frac{{\partial J}}{{\partial Z^{{[{L}]}}}}"
        rf" = \frac{{1}}{{m}}\left(A^{{[{L}]}} - Y\right)"
    )
    line = rf"\frac{{1}}{{{m}}}\left({bmatrix(A)} - {bmatrix(Y)}\right) = {bmatrix(dZ)}"
    operands = {"A": A, "Y": Y, "m": np.array(m)}
    return Step("delta_out", "backward", L, (formula,), (line,), operands, {f"dZ{L}": dZ})


def dA_step(l: int, dZ: np.ndarray, W: np.ndarray) -> Step:
    """The error reaching layer l − 1's outputs: dA[l−1] = δ[l] W[l]ᵀ (the lecture's W·δ)."""
    dA = dZ @ W.T  # (m, n_{l-1}): a formula line shown on screen; the engine keeps only δ
    formula = rf"dA^{{[{l - 1}]}} = \delta^{{[{l}]}} W^{{[{l}]\top}}"
    line = rf"{bmatrix(dZ)} {bmatrix(W.T)} = {bmatrix(dA)}"
    return Step(
        "dA", "backward", l - 1, (formula,), (line,), {"dZ": dZ, "W": W}, {f"dA{l - 1}": dA}
    )


def delta_step(k: int, dA: np.ndarray, Z: np.ndarray, A: np.ndarray, dZ: np.ndarray) -> Step:
    """δ[k] = dA[k] ⊙ σ'(Z[k]), with σ' = A(1 − A) from the engine's own derivative."""
    sig = derivative(XOR_SPEC.activation, Z, A)  # (m, n_k)
    formula = (
        rf"\delta^{{[{k}]}} = dA^{{[{k}]}} \odot \sigma'(Z^{{[{k}]}})"
        rf" = dA^{{[{k}]}} \odot A^{{[{k}]}} \odot (1 - A^{{[{k}]}})"
    )
    line = two_lines(rf"{bmatrix(dA)} \odot {bmatrix(sig)}", bmatrix(dZ))
    operands = {"dA": dA, "sigma_prime": sig}
    return Step("delta", "backward", k, (formula,), (line,), operands, {f"dZ{k}": dZ})


def backward_steps(model, Y: np.ndarray, Zs: list, As: list, dZs: list) -> list[Step]:
    """δ at the output, then for each layer going back: dW and db, dA and δ of the layer below."""
    L = len(dZs)
    steps = [delta_out_step(L, As[L], Y, dZs[-1])]
    for l in range(L, 0, -1):
        dW, db = model.grads[f"W{l}"].copy(), model.grads[f"b{l}"].copy()
        steps.append(grads_step(l, As[l - 1], dZs[l - 1], dW, db))
        if l > 1:
            steps.append(dA_step(l, dZs[l - 1], model.params[f"W{l}"].copy()))
            dA = steps[-1].results[f"dA{l - 1}"]
            steps.append(delta_step(l - 1, dA, Zs[l - 2], As[l - 1], dZs[l - 2]))
    return steps


def update_step(model, lr: float) -> Step:
    L = model.spec.n_layers
    formulas, plugged, operands, results = [], [], {"lr": np.array(lr)}, {}
    for l in range(L, 0, -1):
        W, dW = model.params[f"W{l}"].copy(), model.grads[f"W{l}"].copy()
        W_new = W - lr * dW
        formulas.append(rf"W^{{[{l}]}} := W^{{[{l}]}} - \alpha\, dW^{{[{l}]}}")
        plugged.append(two_lines(rf"{bmatrix(W)} - {fmt(lr)} \cdot {bmatrix(dW)}", bmatrix(W_new)))
        operands |= {f"W{l}": W, f"dW{l}": dW}
        results[f"W{l}_new"] = W_new
    return Step("update", "update", L, tuple(formulas), tuple(plugged), operands, results)


def trace(model, X: np.ndarray, Y: np.ndarray, lr: float) -> list[Step]:
    """The whole iteration as steps, from one engine forward pass and one engine backward pass."""
    A, (Zs, As) = model.forward(X)
    dZs = model.backward(Y, (Zs, As))
    J = model.cost(Zs[-1], A, Y)
    return [
        *forward_steps(X, Zs, As, model),
        loss_step(A, Y, J),
        *backward_steps(model, Y, Zs, As, dZs),
        update_step(model, lr),
    ]


def known(steps: list[Step], index: int) -> dict[str, np.ndarray]:
    """Every array computed up to and including step `index` (what the diagram can show)."""
    values = {}
    for step in steps[: index + 1]:
        values |= step.results
    return values


class XorStepper:
    """The stepper's run state: the engine's XOR net, the epoch, the step shown, past weights.

    `history[e]` holds the weights at the start of epoch e, so stepping back across an epoch
    restores them exactly; stepping forward past the update applies W := W − α·dW to the engine's
    weights (biases stay 0).
    """

    def __init__(self, lr: float = 1.0, seed: int = 0):
        check_lr(lr)
        X, y = xor_workshop()
        self.X, self.Y = X, to_targets(y, XOR_SPEC)  # (4, 3), (4, 1)
        self.model = make_mlp(XOR_SPEC, seed=seed)
        self.lr, self.epoch, self.index = lr, 0, 0
        self.history = [self.model.get_params()]
        self.losses = [self.model.loss(self.X, self.Y)]
        self.steps = trace(self.model, self.X, self.Y, lr)

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    def set_lr(self, lr: float) -> None:
        self.lr = check_lr(lr)
        del self.history[self.epoch + 1 :], self.losses[self.epoch + 1 :]
        self.steps = trace(self.model, self.X, self.Y, lr)

    def next(self) -> None:
        if self.index < len(self.steps) - 1:
            self.index += 1
        else:
            self.train(1)

    def previous(self) -> None:
        if self.index > 0:
            self.index -= 1
        elif self.epoch > 0:
            self.goto(self.epoch - 1)
            self.index = len(self.steps) - 1

    def train(self, n: int) -> None:
        """n whole iterations (forward, backward, update); the view goes to the next forward."""
        n = min(n, MAX_EPOCHS - self.epoch)
        del self.history[self.epoch + 1 :], self.losses[self.epoch + 1 :]
        for _ in range(n):
            self.model.loss_and_grads(self.X, self.Y)
            for l in range(1, self.model.spec.n_layers + 1):
                self.model.params[f"W{l}"] -= self.lr * self.model.grads[f"W{l}"]
            self.history.append(self.model.get_params())
            self.losses.append(self.model.loss(self.X, self.Y))
        self.goto(self.epoch + n)

    def goto(self, epoch: int) -> None:
        self.epoch, self.index = epoch, 0
        self.model.set_params(self.history[epoch])
        self.steps = trace(self.model, self.X, self.Y, self.lr)


def check_lr(lr: float) -> float:
    if not (np.isfinite(lr) and 0 < lr <= 100):
        raise ValueError(f"learning rate α (lr) must be between 0 and 100; got {lr}")
    return lr


def gradient_check(model, X: np.ndarray, Y: np.ndarray, eps: float = 1e-6) -> tuple:
    """(numeric dθ, engine dθ, relative error): engine/gradcheck.py's centered differences
    (J(θ + ε) − J(θ − ε))/2ε on the engine's own loss, against its backprop dθ."""
    model.loss_and_grads(X, Y)
    analytic = np.array(model.dtheta, copy=True)  # (P,)
    numeric = numerical_gradient(lambda: model.loss(X, Y), model.theta, eps)  # (P,)
    return numeric, analytic, relative_error(numeric, analytic)
