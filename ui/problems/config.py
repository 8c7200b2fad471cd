"""The Problems lab's whole configuration: one frozen object that round-trips through the URL.

One table of fields (URL name, parser, writer), as in ui/workshops/config.py: `to_query` writes the
fields that differ from the defaults, `from_query` reads them back, checks every value and falls
back to the default (or the nearest bound) with the URL name of each field it had to replace.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace

from engine.problems.imbalance import ImbalanceSetup
from engine.problems.overfit import LAMS, WIDTHS, OverfitSetup
from ui.playground.config import choice, number, read_fields

TABS = ("imbalance", "overfit")
SPEEDS = (1, 2, 5, 10, 20)  # epochs per frame
SWEEPS = ("width", "lam")
SIGMAS = tuple(round(0.05 * k, 2) for k in range(1, 21))  # the augmentation jitter σ
MAX_SEED = 999


@dataclass(frozen=True)
class ProblemsConfig:
    tab: str = "imbalance"
    share_pct: int = 10  # the minority's share of the points, in percent
    imb_speed: int = 2
    n_train: int = 30
    width: int = 32
    lam: float = 1.0
    sigma: float = 0.3
    fit_speed: int = 10
    sweep: str = "width"
    seed: int = 0

    def imbalance(self) -> ImbalanceSetup:
        return ImbalanceSetup(share=self.share_pct / 100, seed=self.seed)

    def overfit(self) -> OverfitSetup:
        return OverfitSetup(
            n_train=self.n_train, width=self.width, lam=self.lam, sigma=self.sigma, seed=self.seed
        )


DEFAULT = ProblemsConfig()

# field -> (URL key, parser, writer)
FIELDS: dict[str, tuple[str, Callable, Callable]] = {
    "tab": ("tab", choice(TABS), str),
    "share_pct": ("share", number(int, 1, 50), str),
    "imb_speed": ("ispeed", choice(SPEEDS, int), str),
    "n_train": ("n", number(int, 10, 200), str),
    "width": ("width", choice(WIDTHS, int), str),
    "lam": ("lam", choice(LAMS[1:], float), repr),
    "sigma": ("sigma", choice(SIGMAS, float), repr),
    "fit_speed": ("fspeed", choice(SPEEDS, int), str),
    "sweep": ("sweep", choice(SWEEPS), str),
    "seed": ("seed", number(int, 0, MAX_SEED), str),
}
assert set(FIELDS) == {f.name for f in fields(ProblemsConfig)}


def to_query(config: ProblemsConfig) -> dict[str, str]:
    """The fields that differ from the defaults, as URL query parameters."""
    return {
        key: write(getattr(config, name))
        for name, (key, _, write) in FIELDS.items()
        if getattr(config, name) != getattr(DEFAULT, name)
    }


def from_query(query: Mapping[str, str]) -> tuple[ProblemsConfig, list[str]]:
    """The configuration a URL describes, and the URL keys that were malformed or out of range."""
    values, problems = read_fields(FIELDS, query)
    return replace(DEFAULT, **values), problems
