"""G and D trained with NumPy and the hand-written backward passes of engine.gan.nets."""

import copy

import numpy as np

from engine.gan import nets


class NumpyPair:
    """The two networks, their optimizer states and one update of each."""

    def __init__(self, spec, rng: np.random.Generator) -> None:
        self.spec = spec
        self.G = nets.init_mlp((spec.noise_dim, *spec.g_layers, 2), rng)
        self.D = nets.init_mlp((2, *spec.d_layers, 1), rng)
        self.opt_G, self.opt_D = nets.new_opt_state(self.G), nets.new_opt_state(self.D)

    def d_grads(self, X_real: np.ndarray, Z: np.ndarray):
        """J_D and dJ_D/dθ_D on a batch of real samples and G(z) (G is not changed)."""
        X_fake, _ = nets.mlp_forward(Z, self.G, "tanh")  # (m, 2)
        X = np.vstack([X_real, X_fake])  # one pass of D over both halves
        s, cache = nets.mlp_forward(X, self.D, "logit")  # (2m, 1)
        J, ds_real, ds_fake = nets.d_loss(s[: len(X_real)], s[len(X_real) :], self.spec.loss)
        grads, _ = nets.mlp_backward(np.vstack([ds_real, ds_fake]), cache, self.D, "logit")
        return float(J), grads

    def g_grads(self, Z: np.ndarray):
        """J_G and dJ_G/dθ_G, the gradient carried back through D's layers (D is not changed)."""
        X_fake, cache_G = nets.mlp_forward(Z, self.G, "tanh")  # (m, 2)
        s, cache_D = nets.mlp_forward(X_fake, self.D, "logit")  # (m, 1)
        J, ds = nets.g_loss(s, self.spec.loss)
        _, dX = nets.mlp_backward(ds, cache_D, self.D, "logit")  # dJ_G/dx (m, 2), through D
        grads, _ = nets.mlp_backward(dX, cache_G, self.G, "tanh")
        return float(J), grads

    def d_update(self, X_real: np.ndarray, Z: np.ndarray) -> float:
        """One D step: minimize J_D (maximize V)."""
        J, grads = self.d_grads(X_real, Z)
        self.D = nets.update(self.D, grads, self.spec.opt_d, self.spec.lr_d, self.opt_D)
        return J

    def g_update(self, Z: np.ndarray) -> float:
        """One G step: minimize J_G."""
        J, grads = self.g_grads(Z)
        self.G = nets.update(self.G, grads, self.spec.opt_g, self.spec.lr_g, self.opt_G)
        return J

    def params(self) -> tuple[nets.Params, nets.Params]:
        """(G, D) as NumPy arrays (never changed in place: an update makes new arrays)."""
        return self.G, self.D

    def load(self, G: nets.Params, D: nets.Params) -> None:
        self.G, self.D = [(W.copy(), b.copy()) for W, b in G], [(W.copy(), b.copy()) for W, b in D]

    def state(self) -> tuple:
        return copy.deepcopy((self.G, self.D, self.opt_G, self.opt_D))

    def restore(self, state: tuple) -> None:
        self.G, self.D, self.opt_G, self.opt_D = copy.deepcopy(state)
