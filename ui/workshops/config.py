"""The Workshops lab's whole configuration: one frozen object that round-trips through the URL.

One table of fields (URL name, parser, writer), as in ui/playground/config.py, whose parsers it
reuses: `to_query` writes the fields that differ from the defaults, `from_query` reads them back,
checks every value and falls back to the default (or the nearest bound) with the URL name of
each field it had to replace.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace

from engine.workshops import data
from ui.playground.config import choice, flag, number, read_fields, write_bool

TABS = ("house", "paths", "credit")
LEARNING_RATES = (0.00001, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
SPEEDS = (1, 2, 5, 20, 100)  # gradient-descent steps per frame
PATH_DATA = ("houses", "poly")
MAX_DEGREE = 12
MAX_LAM = 1e4


@dataclass(frozen=True)
class WorkshopsConfig:
    tab: str = "house"
    house_features: tuple[str, ...] = ("m2",)
    scale: bool = True
    lr: float = 0.1
    speed: int = 2
    path_data: str = "houses"
    path_features: tuple[str, ...] = data.HOUSE_FEATURES
    degree: int = 9
    l1_ratio: float = 1.0
    lam: float = 1.0
    credit_features: tuple[str, ...] = data.CREDIT_FEATURES
    threshold: float = 0.5


DEFAULT = WorkshopsConfig()


def names_from(allowed: tuple[str, ...]) -> Callable[[str], tuple[str, ...]]:
    """A comma-separated subset of `allowed`, in `allowed`'s order; an empty one is refused."""

    def parse(text: str) -> tuple[str, ...]:
        names = set(text.split(","))
        if not names <= set(allowed) or not text:
            raise ValueError(text)
        return tuple(n for n in allowed if n in names)

    return parse


# field -> (URL key, parser, writer)
FIELDS: dict[str, tuple[str, Callable, Callable]] = {
    "tab": ("tab", choice(TABS), str),
    "house_features": ("hf", names_from(data.HOUSE_FEATURES), ",".join),
    "scale": ("scale", flag, write_bool),
    "lr": ("lr", choice(LEARNING_RATES, float), repr),
    "speed": ("speed", choice(SPEEDS, int), str),
    "path_data": ("data", choice(PATH_DATA), str),
    "path_features": ("pf", names_from(data.HOUSE_FEATURES), ",".join),
    "degree": ("degree", number(int, 1, MAX_DEGREE), str),
    "l1_ratio": ("r", number(float, 0.0, 1.0, digits=2), repr),
    "lam": ("lam", number(float, 0.0, MAX_LAM), repr),
    "credit_features": ("cf", names_from(data.CREDIT_FEATURES), ",".join),
    "threshold": ("threshold", number(float, 0.0, 1.0, digits=2), repr),
}
assert set(FIELDS) == {f.name for f in fields(WorkshopsConfig)}


def to_query(config: WorkshopsConfig) -> dict[str, str]:
    """The fields that differ from the defaults, as URL query parameters."""
    return {
        key: write(getattr(config, name))
        for name, (key, _, write) in FIELDS.items()
        if getattr(config, name) != getattr(DEFAULT, name)
    }


def from_query(query: Mapping[str, str]) -> tuple[WorkshopsConfig, list[str]]:
    """The configuration a URL describes, and the URL keys that were malformed or out of range
    (a malformed value takes its default, a number out of range its nearest bound)."""
    values, problems = read_fields(FIELDS, query)
    return replace(DEFAULT, **values), problems
