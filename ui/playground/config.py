"""The Playground's whole configuration: one frozen, typed object that round-trips through the URL.

Every setting of a run (data, input features, network, training) and of the view lives in
`PlaygroundConfig`, so a shared link reproduces the same run: the same seed draws the same points,
the same initial weights and the same minibatch order. `to_query` writes it as URL query
parameters; `from_query` reads them back, checking every field and falling back to the default
(with the name of the field) for anything malformed, out of range or hostile.
"""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace

from engine import datasets
from engine.spec import HIDDEN_ACTIVATIONS, INITS, REGULARIZERS, MLPSpec

MAX_HIDDEN_LAYERS = 8
MAX_WIDTH = 16
POINTS = (50, 100, 200, 300, 500, 1000, 1500, 2000)
MAX_SEED = 999_999
MAX_BATCH = 100
MIN_LR, MAX_LR = 1e-6, 100.0
MAX_LAM = 100.0
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
SPEEDS = (1, 2, 5, 10, 20, 50, 100)
OPTIMIZERS = ("sgd", "momentum", "adam")
ENGINES = ("numpy", "torch-cpu", "torch-cuda")
MAX_VALUE_CHARS = 200

# URL-safe names of the engine's input features (engine.datasets.FEATURES keys).
FEATURES = {
    "x1": "x1",
    "x2": "x2",
    "x1sq": "x1^2",
    "x2sq": "x2^2",
    "x1x2": "x1*x2",
    "sinx1": "sin(x1)",
    "sinx2": "sin(x2)",
}
# Output activation and loss per task; the first of each task is its default.
HEADS = {
    "binary": {"tanh_half_mse": ("tanh", "half_mse"), "sigmoid_bce": ("sigmoid", "bce")},
    "multiclass": {"softmax_cce": ("softmax", "cce")},
    "regression": {"linear_mse": ("linear", "mse")},
}
VIEW_FIELDS = ("speed", "show_test", "discretize")  # they change the picture, not the run


@dataclass(frozen=True)
class PlaygroundConfig:
    """Defaults mirror TensorFlow Playground: circle, x1 and x2, layers [4, 2], tanh, α = 0.03."""

    dataset: str = "circle"
    noise: float = 0.0
    train_ratio: float = 0.5
    balance: float = 1.0
    n_points: int = 500
    n_classes: int = 3
    seed: int = 0
    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    head: str = "tanh_half_mse"
    lr: float = 0.03
    reg: str = "none"
    lam: float = 0.0
    batch_size: int = 10
    optimizer: str = "sgd"
    init: str = "xavier"
    engine: str = "numpy"
    speed: int = 1  # epochs per frame: the default circle converges in about 3 s on screen
    show_test: bool = False
    discretize: bool = False

    @property
    def task(self) -> str:
        return self.data_spec().task

    @property
    def backend(self) -> tuple[str, str]:
        """(backend, device) for engine.backends.make_mlp."""
        return {"numpy": ("numpy", "cpu"), "torch-cpu": ("torch", "cpu")}.get(
            self.engine, ("torch", "cuda")
        )

    def data_spec(self) -> datasets.DataSpec:
        return datasets.DataSpec(
            name=self.dataset,
            n_points=self.n_points,
            noise=self.noise,
            train_ratio=self.train_ratio,
            balance=self.balance,
            n_classes=self.n_classes,
            seed=self.seed,
        )

    def mlp_spec(self) -> MLPSpec:
        output, loss = HEADS[self.task][self.head]
        return MLPSpec(
            n_in=len(self.features),
            hidden=self.hidden,
            n_out=self.n_classes if output == "softmax" else 1,
            activation=self.activation,
            output=output,
            loss=loss,
            reg=self.reg,
            lam=self.lam,
            init=self.init,
        )

    def engine_features(self) -> tuple[str, ...]:
        """The feature names engine.datasets.featurize expects."""
        return tuple(FEATURES[f] for f in self.features)

    def run_key(self) -> "PlaygroundConfig":
        """The part that defines the training run: equal keys give the same run, epoch by epoch."""
        return replace(self, **{name: getattr(DEFAULT, name) for name in VIEW_FIELDS})

    def normalized(self) -> "PlaygroundConfig":
        """The same settings with an output head that fits the task (new data may change it)."""
        heads = HEADS[self.task]
        return self if self.head in heads else replace(self, head=next(iter(heads)))


DEFAULT = PlaygroundConfig()


# ---- reading one URL value -------------------------------------------------------------------


class OutOfRangeError(ValueError):
    """A number outside its range: `value` is the nearest allowed one."""

    def __init__(self, value):
        super().__init__(value)
        self.value = value


def choice(options, kind: type = str) -> Callable[[str], object]:
    def parse(text: str):
        if text not in {str(o) for o in options}:
            raise ValueError(text)
        return kind(text)

    return parse


def number(kind: type, low: float, high: float, digits: int = 0) -> Callable[[str], float]:
    """A finite int, or a float rounded to `digits` decimals (a percent: 2); outside [low, high]
    it raises OutOfRangeError with the nearest bound."""

    def parse(text: str):
        value = kind(text)
        if not math.isfinite(value):
            raise ValueError(text)
        if digits:
            value = round(value, digits)
        if not low <= value <= high:
            raise OutOfRangeError(kind(min(max(value, low), high)))
        return value

    return parse


def flag(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError(text)
    return text == "1"


def feature_list(text: str) -> tuple[str, ...]:
    names = set(text.split(","))
    if not names <= set(FEATURES):
        raise ValueError(text)
    return tuple(f for f in FEATURES if f in names)  # the canonical order, no repeats


def layer_list(text: str) -> tuple[int, ...]:
    if text == "":
        return ()
    widths = tuple(int(part) for part in text.split(","))
    if len(widths) > MAX_HIDDEN_LAYERS or any(not 1 <= w <= MAX_WIDTH for w in widths):
        raise ValueError(text)
    return widths


def write_bool(value: bool) -> str:
    return str(int(value))


def write_ints(values: tuple[int, ...]) -> str:
    return ",".join(map(str, values))


# field -> (URL key, parser, writer)
FIELDS: dict[str, tuple[str, Callable, Callable]] = {
    "dataset": ("data", choice(datasets.NAMES), str),
    "noise": ("noise", number(float, 0.0, 0.5, digits=2), repr),
    "train_ratio": ("train", number(float, 0.1, 0.9, digits=2), repr),
    "balance": ("balance", number(float, 0.05, 1.0, digits=2), repr),
    "n_points": ("points", choice(POINTS, int), str),
    "n_classes": ("classes", number(int, 3, datasets.MAX_CLASSES), str),
    "seed": ("seed", number(int, 0, MAX_SEED), str),
    "features": ("features", feature_list, ",".join),
    "hidden": ("layers", layer_list, write_ints),
    "activation": ("activation", choice(HIDDEN_ACTIVATIONS), str),
    "head": ("head", choice([h for heads in HEADS.values() for h in heads]), str),
    "lr": ("lr", number(float, MIN_LR, MAX_LR), repr),
    "reg": ("reg", choice(REGULARIZERS), str),
    "lam": ("lambda", number(float, 0.0, MAX_LAM), repr),
    "batch_size": ("batch", number(int, 1, MAX_BATCH), str),
    "optimizer": ("optimizer", choice(OPTIMIZERS), str),
    "init": ("init", choice(INITS), str),
    "engine": ("engine", choice(ENGINES), str),
    "speed": ("speed", choice(SPEEDS, int), str),
    "show_test": ("test", flag, write_bool),
    "discretize": ("discretize", flag, write_bool),
}
assert set(FIELDS) == {f.name for f in fields(PlaygroundConfig)}


def to_query(config: PlaygroundConfig) -> dict[str, str]:
    """The fields that differ from the defaults, as URL query parameters (the default run has a
    clean address; a missing key reads back as its default)."""
    return {
        key: write(getattr(config, name))
        for name, (key, _, write) in FIELDS.items()
        if getattr(config, name) != getattr(DEFAULT, name)
    }


def read_fields(fields: Mapping, query: Mapping[str, str]) -> tuple[dict, list[str]]:
    """The values a URL gives for a table of fields (name -> (URL key, parser, writer)), and the
    URL keys that were malformed or out of range: a malformed value is left out (its field keeps
    its default), a number out of range is clamped to its nearest bound."""
    values, problems = {}, []
    for name, (key, parse, _) in fields.items():
        if key not in query:
            continue
        text = str(query[key]).strip()
        try:
            if len(text) > MAX_VALUE_CHARS:
                raise ValueError(key)
            values[name] = parse(text)
        except OutOfRangeError as clamped:
            values[name] = clamped.value
            problems.append(key)
        except ValueError:
            problems.append(key)
    return values, problems


def from_query(query: Mapping[str, str]) -> tuple[PlaygroundConfig, list[str]]:
    """The configuration a URL describes, and the URL keys that were malformed or out of range.

    Missing keys take their default silently and unknown keys are ignored (links may carry
    tracking parameters). A malformed value falls back to the default; a number outside its
    range is clamped. Both are reported.
    """
    values, problems = read_fields(FIELDS, query)
    config = replace(DEFAULT, **values).normalized()
    if "head" in values and config.head != values["head"]:
        problems.append("head")
    return config, problems
