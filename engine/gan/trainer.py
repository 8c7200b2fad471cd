"""One GAN run: the real samples, G and D, k_D updates of D then k_G updates of G per epoch, the
loss history, and what the page draws (all NumPy arrays, pure functions of the parameters).

Every draw comes from one np.random.default_rng(seed), in a fixed order: the real samples, the
initial weights, the fixed noise whose samples the page shows, then each batch. The same spec and
seed give the same run bit for bit on the same backend.
"""

from dataclasses import dataclass

import numpy as np

from engine.gan import data, metrics, nets

N_FIXED = 5000  # fixed noise z: the fake samples shown and measured
BATCH = 150
GRID = 30  # D's heatmap: 30 x 30 points over [-1, 1]²
MAX_PARAM = 1e6  # a weight past this (or a NaN) means training blew up


@dataclass(frozen=True)
class GanSpec:
    data: str = "two_gaussians"
    g_layers: tuple[int, ...] = (16,)
    d_layers: tuple[int, ...] = (16,)
    noise: str = "gaussian"
    noise_dim: int = 2
    k_d: int = 1
    k_g: int = 1
    opt_g: str = "sgd"
    lr_g: float = 0.1
    opt_d: str = "sgd"
    lr_d: float = 0.1
    loss: str = "log"
    seed: int = 0
    backend: str = "numpy"
    device: str = "cpu"


def make_pair(spec: GanSpec, rng: np.random.Generator):
    if spec.backend == "torch":
        from engine.gan.torch_pair import TorchPair

        return TorchPair(spec, rng)
    from engine.gan.numpy_pair import NumpyPair

    return NumpyPair(spec, rng)


class Gan:
    """A GAN run that the page steps: `train(n, which)` with which = "both" | "d" | "g"."""

    def __init__(self, spec: GanSpec) -> None:
        if spec.k_d + spec.k_g == 0:
            raise ValueError("k_D + k_G must be at least 1")
        self.spec = spec
        self.rng = np.random.default_rng(spec.seed)
        self.X_real = data.sample(spec.data, data.N_REAL, self.rng)  # (N_REAL, 2)
        self.pair = make_pair(spec, self.rng)
        self.Z_fixed = data.noise(spec.noise, spec.noise_dim, N_FIXED, self.rng)
        self.epoch, self.d_steps, self.g_steps = 0, 0, 0
        self.J_D, self.J_G = np.nan, np.nan
        self.history: dict[str, list[float]] = {"step": [], "J_D": [], "J_G": []}
        self.diverged = False

    def batch_noise(self) -> np.ndarray:
        return data.noise(self.spec.noise, self.spec.noise_dim, BATCH, self.rng)  # (m, dim)

    def d_step(self) -> None:
        idx = self.rng.integers(0, len(self.X_real), size=BATCH)
        self.J_D = self.pair.d_update(self.X_real[idx], self.batch_noise())
        self.d_steps += 1

    def g_step(self) -> None:
        self.J_G = self.pair.g_update(self.batch_noise())
        self.g_steps += 1

    def run_epoch(self) -> None:
        """k_D updates of D, then k_G updates of G (the lecture's alternating training)."""
        for _ in range(self.spec.k_d):
            self.d_step()
        for _ in range(self.spec.k_g):
            self.g_step()
        self.epoch += 1

    def train(self, n: int, which: str = "both") -> bool:
        """n epochs ("both"), or n updates of D only ("d") or of G only ("g"). When the weights
        blow up (NaN, or past MAX_PARAM) the run goes back to where this call started and stops:
        returns False, and `diverged` stays set."""
        if self.diverged or n <= 0:
            return not self.diverged
        before = (self.pair.state(), self.epoch, self.d_steps, self.g_steps, self.J_D, self.J_G)
        with np.errstate(all="ignore"):
            for _ in range(n):
                {"both": self.run_epoch, "d": self.d_step, "g": self.g_step}[which]()
                self.record()
        if not self.finite():
            self.pair.restore(before[0])
            self.epoch, self.d_steps, self.g_steps, self.J_D, self.J_G = before[1:]
            self.diverged = True
            return False
        return True

    def record(self) -> None:
        h = self.history
        h["step"].append(self.d_steps + self.g_steps)
        h["J_D"].append(self.J_D)
        h["J_G"].append(self.J_G)

    def finite(self) -> bool:
        G, D = self.pair.params()
        big = max(max(np.abs(W).max(), np.abs(b).max()) for W, b in [*G, *D])
        no_inf = not any(np.isinf(v) for v in (self.J_D, self.J_G))  # NaN: no step of that net yet
        return bool(np.isfinite(big) and big < MAX_PARAM and no_inf)

    # ---- what the page draws ------------------------------------------------------------------

    def fake(self) -> np.ndarray:
        """G(z) for the fixed noise, (N_FIXED, 2)."""
        G, _ = self.pair.params()
        return nets.mlp_forward(self.Z_fixed, G, "tanh")[0]

    def d_of(self, X: np.ndarray) -> np.ndarray:
        """D(x) = σ(s) for points X (m, 2), (m,)."""
        _, D = self.pair.params()
        return nets.sigmoid(nets.mlp_forward(X, D, "logit")[0][:, 0])

    def d_map(self, n: int = GRID) -> tuple[np.ndarray, np.ndarray]:
        """The grid's coordinates (n,) and D(x) on it, (n, n) with rows along x2."""
        u = np.linspace(-1.0, 1.0, n)
        x1, x2 = np.meshgrid(u, u)
        return u, self.d_of(np.c_[x1.ravel(), x2.ravel()]).reshape(n, n)

    def d_gradient(self, X: np.ndarray) -> np.ndarray:
        """∂D/∂x at the points X (m, 2): where moving a fake sample makes D call it more real."""
        _, D = self.pair.params()
        s, cache = nets.mlp_forward(X, D, "logit")
        Dx = nets.sigmoid(s)
        _, dX = nets.mlp_backward(Dx * (1.0 - Dx), cache, D, "logit")  # dσ/ds = σ(1 - σ)
        return dX

    def manifold(self, n: int = 21) -> np.ndarray:
        """The noise space's grid pushed through G: (n, 2) for 1-D noise (a curve), (n, n, 2) for
        2-D noise (the warped cells). The grid spans [-1, 1] (uniform) or [-2, 2] (Gaussian)."""
        G, _ = self.pair.params()
        reach = 1.0 if self.spec.noise == "uniform" else 2.0
        u = np.linspace(-reach, reach, n)
        if self.spec.noise_dim == 1:
            return nets.mlp_forward(u[:, None], G, "tanh")[0]
        z1, z2 = np.meshgrid(u, u)
        out = nets.mlp_forward(np.c_[z1.ravel(), z2.ravel()], G, "tanh")[0]
        return out.reshape(n, n, 2)

    def scores(self) -> dict[str, float]:
        """KL and JS (all real samples against all fixed-noise fakes) and D's accuracies."""
        X_fake = self.fake()
        kl, js = metrics.divergences(self.X_real, X_fake)
        acc_real, acc_fake = metrics.accuracy(self.d_of(self.X_real), self.d_of(X_fake))
        return {"kl": kl, "js": js, "acc_real": acc_real, "acc_fake": acc_fake}
