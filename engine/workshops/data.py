"""The workshops' data sets, generated offline with a seeded generator (nothing is downloaded).

Houses (seed 002, "Predecir el Precio de una Vivienda", and seed 001's Ridge/Lasso workshop):

    m2        floor area, m²                          N(95, 30) clipped to [30, 220]
    rooms     rooms, about one per 28 m²              correlated with m2 (r ≈ 0.9)
    age       years since it was built                U(0, 60)
    distance  km to the city centre                   U(0.5, 20)
    floor     storey of the flat                      0-10, no effect on the price (useless)
    month     month of the sale                       1-12, no effect on the price (useless)
    price = 20 + 1.6·m2 + 6·rooms − 0.6·age − 2.5·distance + ε,   ε ~ N(0, 15)   (thousand USD)

Polynomial (seed 001: "términos polinomiales ... correlacionados entre ellos"): one input
x ~ U(−1, 1), y = 0.5 + 1.5x − 2x² + ε, ε ~ N(0, 0.2), and the features x, x², ..., x^degree.

Credit default: the columns of ISLR's "Default" data (balance, income, student, default). The
ISLP wheel that ships the real file requires torch, pytorch_lightning, torchmetrics, lifelines,
pygam and glmstar, far too heavy for this app, so the clients are generated to follow the real
data's published summary (29.4 % students; balance ≈ N(772, 470) for non-students and N(988, 483)
for students, clipped at 0; income ≈ N(40 012, 10 010) and N(17 950, 4 533)) and default is drawn
from the logistic model fitted to the real data (ISLR, table 4.3):

    log(odds) = θ0 + 0.005737·balance + 0.000003033·income − 0.6468·student

with θ0 = −10.72 instead of the real fit's −10.87: normal balances have a thinner upper tail than
the real ones, and this θ0 brings the share of defaults back to the real 3.3 %.
"""

from dataclasses import dataclass

import numpy as np

HOUSE_FEATURES = ("m2", "rooms", "age", "distance", "floor", "month")
HOUSE_PRICE = {"intercept": 20.0, "m2": 1.6, "rooms": 6.0, "age": -0.6, "distance": -2.5}
HOUSE_NOISE = 15.0
CREDIT_FEATURES = ("balance", "income", "student")
# The real data's logistic fit (ISLR table 4.3), θ0 shifted as the docstring says, then the θ of
# each of CREDIT_FEATURES.
CREDIT_THETA = (-10.72, 0.005737, 0.000003033, -0.6468)
STUDENT_SHARE = 0.2944
# (mean, sd) of balance and income for non-students (0) and students (1), from the real data.
BALANCE = {0: (771.8, 469.7), 1: (987.8, 482.9)}
INCOME = {0: (40012.0, 10010.0), 1: (17950.0, 4533.0)}
POLY_TRUE = (0.5, 1.5, -2.0)  # y = 0.5 + 1.5x − 2x²


@dataclass(frozen=True)
class Table:
    """Rows are examples: X (m, n) with one column per name in `features`, and the target y (m,)."""

    X: np.ndarray
    y: np.ndarray
    features: tuple[str, ...]

    def columns(self, names: tuple[str, ...]) -> np.ndarray:
        """The columns named, in the order given: (m, len(names))."""
        return self.X[:, [self.features.index(name) for name in names]]


def houses(m: int = 200, seed: int = 0) -> Table:
    """m houses with the six features above and their price (thousand USD)."""
    rng = np.random.default_rng(seed)
    m2 = np.clip(rng.normal(95.0, 30.0, m), 30.0, 220.0)
    rooms = np.clip(np.round(m2 / 28.0 + rng.normal(0.0, 0.5, m)), 1, 8)
    age = rng.uniform(0.0, 60.0, m)
    distance = rng.uniform(0.5, 20.0, m)
    floor = rng.integers(0, 11, m).astype(float)
    month = rng.integers(1, 13, m).astype(float)
    X = np.column_stack([m2, rooms, age, distance, floor, month])  # (m, 6)
    effect = np.array([HOUSE_PRICE.get(name, 0.0) for name in HOUSE_FEATURES])  # (6,)
    y = HOUSE_PRICE["intercept"] + X @ effect + rng.normal(0.0, HOUSE_NOISE, m)  # (m,)
    return Table(X, y, HOUSE_FEATURES)


def polynomial(degree: int = 9, m: int = 60, seed: int = 0) -> tuple[Table, np.ndarray]:
    """The features x, x², ..., x^degree of one input (x_k = x^k) and y; also x itself (m,)."""
    if not 1 <= degree <= 12:
        raise ValueError(f"the polynomial degree must be between 1 and 12; got {degree}")
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-1.0, 1.0, m))  # (m,)
    a0, a1, a2 = POLY_TRUE
    y = a0 + a1 * x + a2 * x**2 + rng.normal(0.0, 0.2, m)  # (m,)
    X = np.column_stack([x**k for k in range(1, degree + 1)])  # (m, degree)
    return Table(X, y, tuple(f"x^{k}" for k in range(1, degree + 1))), x


def powers(x: np.ndarray, degree: int) -> np.ndarray:
    """x, x², ..., x^degree as columns: (len(x), degree)."""
    return np.column_stack([np.asarray(x) ** k for k in range(1, degree + 1)])


def credit(m: int = 10_000, seed: int = 0) -> Table:
    """m clients: balance (USD owed on the card), income (USD a year), student (0/1) and default
    (the target, 0/1), drawn as the module docstring says."""
    rng = np.random.default_rng(seed)
    student = (rng.random(m) < STUDENT_SHARE).astype(int)  # (m,)
    mean_b, sd_b = np.array([BALANCE[0], BALANCE[1]]).T[:, student]
    mean_i, sd_i = np.array([INCOME[0], INCOME[1]]).T[:, student]
    balance = np.maximum(
        rng.normal(mean_b, sd_b), 0.0
    )  # about 5 % owe nothing, as in the real data
    income = np.maximum(rng.normal(mean_i, sd_i), 750.0)
    X = np.column_stack([balance, income, student.astype(float)])  # (m, 3)
    theta = np.asarray(CREDIT_THETA)
    h = 1.0 / (1.0 + np.exp(-(theta[0] + X @ theta[1:])))  # (m,) p(default | x)
    y = (rng.random(m) < h).astype(int)  # (m,)
    return Table(X, y, CREDIT_FEATURES)
