"""The GAN lab's whole configuration: one frozen object that round-trips through the URL.

One table of fields (URL name, parser, writer), as in ui/playground/config.py, whose parsers it
reuses: `to_query` writes the fields that differ from the defaults, `from_query` reads them back,
checks every value and falls back to the default (or the nearest bound) with the URL name of
each field it had to replace.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace

from engine.gan import data
from engine.gan.trainer import GanSpec
from ui.playground.config import choice, number, read_fields

LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
OPTIMIZERS = ("sgd", "adam")
LOSSES = ("log", "ls")
NOISES = ("uniform", "gaussian")
SPEEDS = (1, 5, 20, 50, 100, 200)  # epochs per frame
LAYERS = ("real", "fake", "dmap", "manifold", "arrows")  # what the plane shows
MAX_DEPTH, MAX_WIDTH, MAX_K, MAX_SEED = 5, 100, 10, 999_999
_SPEC = GanSpec()


@dataclass(frozen=True)
class GanConfig:
    data: str = _SPEC.data
    g_depth: int = len(_SPEC.g_layers)
    g_width: int = _SPEC.g_layers[0]
    d_depth: int = len(_SPEC.d_layers)
    d_width: int = _SPEC.d_layers[0]
    noise: str = _SPEC.noise
    noise_dim: int = _SPEC.noise_dim
    k_d: int = _SPEC.k_d
    k_g: int = _SPEC.k_g
    opt_g: str = _SPEC.opt_g
    lr_g: float = _SPEC.lr_g
    opt_d: str = _SPEC.opt_d
    lr_d: float = _SPEC.lr_d
    loss: str = _SPEC.loss
    seed: int = _SPEC.seed
    speed: int = 200
    layers: tuple[str, ...] = LAYERS

    def spec(self, backend: str = "numpy", device: str = "cpu") -> GanSpec:
        """The run this configuration trains (the view fields, speed and layers, are not in it)."""
        return GanSpec(
            data=self.data,
            g_layers=(self.g_width,) * self.g_depth,
            d_layers=(self.d_width,) * self.d_depth,
            noise=self.noise,
            noise_dim=self.noise_dim,
            k_d=self.k_d,
            k_g=self.k_g,
            opt_g=self.opt_g,
            lr_g=self.lr_g,
            opt_d=self.opt_d,
            lr_d=self.lr_d,
            loss=self.loss,
            seed=self.seed,
            backend=backend,
            device=device,
        )


DEFAULT = GanConfig()


def layer_names(text: str) -> tuple[str, ...]:
    """A comma-separated subset of LAYERS (empty: nothing drawn but the axes)."""
    names = set(filter(None, text.split(",")))
    if not names <= set(LAYERS):
        raise ValueError(text)
    return tuple(n for n in LAYERS if n in names)


# field -> (URL key, parser, writer)
FIELDS: dict[str, tuple[str, Callable, Callable]] = {
    "data": ("data", choice(data.DATASETS), str),
    "g_depth": ("g_layers", number(int, 1, MAX_DEPTH), str),
    "g_width": ("g_neurons", number(int, 1, MAX_WIDTH), str),
    "d_depth": ("d_layers", number(int, 1, MAX_DEPTH), str),
    "d_width": ("d_neurons", number(int, 1, MAX_WIDTH), str),
    "noise": ("noise", choice(NOISES), str),
    "noise_dim": ("noise_dim", choice((1, 2), int), str),
    "k_d": ("k_d", number(int, 0, MAX_K), str),
    "k_g": ("k_g", number(int, 0, MAX_K), str),
    "opt_g": ("opt_g", choice(OPTIMIZERS), str),
    "lr_g": ("lr_g", choice(LEARNING_RATES, float), repr),
    "opt_d": ("opt_d", choice(OPTIMIZERS), str),
    "lr_d": ("lr_d", choice(LEARNING_RATES, float), repr),
    "loss": ("loss", choice(LOSSES), str),
    "seed": ("seed", number(int, 0, MAX_SEED), str),
    "speed": ("speed", choice(SPEEDS, int), str),
    "layers": ("show", layer_names, ",".join),
}
assert set(FIELDS) == {f.name for f in fields(GanConfig)}


def to_query(config: GanConfig) -> dict[str, str]:
    """The fields that differ from the defaults, as URL query parameters."""
    return {
        key: write(getattr(config, name))
        for name, (key, _, write) in FIELDS.items()
        if getattr(config, name) != getattr(DEFAULT, name)
    }


def from_query(query: Mapping[str, str]) -> tuple[GanConfig, list[str]]:
    """The configuration a URL describes, and the URL keys that were malformed or out of range."""
    values, problems = read_fields(FIELDS, query)
    return replace(DEFAULT, **values), problems
