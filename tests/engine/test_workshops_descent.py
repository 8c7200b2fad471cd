"""Gradient descent with the proximal step for L1 (engine.workshops.descent): it ends where
coordinate descent and scikit-learn end, with the same exact zeros; torch takes the same steps."""

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from engine.workshops import data, descent, linear, paths

RTOL = 1e-4


@pytest.fixture(scope="module")
def houses():
    table = data.houses()
    return linear.fit_scaler(table.X).transform(table.X), table.y


def converged(X, y, lam: float, r: float, backend: str = "numpy", steps: int = 3000):
    lr = descent.largest_stable_lr(X, lam * (1 - r)) / 2
    run = descent.Descent(X, y, lr, lam, r, backend=backend)
    run.step(steps)
    return run


@pytest.mark.parametrize(
    ("lam", "r", "model"),
    [
        (1.0, 0.0, Ridge(alpha=200 * 1.0)),  # Ridge's alpha is m·λ (m = 200 houses)
        (2.0, 1.0, Lasso(alpha=2.0, tol=1e-12)),
        (1.0, 0.5, ElasticNet(alpha=1.0, l1_ratio=0.5, tol=1e-12)),
    ],
)
def test_descent_ends_at_scikit_learn_coefficients(houses, lam, r, model) -> None:
    X, y = houses
    run = converged(X, y, lam, r)
    theta0, theta = run.params()
    model.fit(X, y)
    np.testing.assert_array_equal(theta == 0.0, model.coef_ == 0.0)
    np.testing.assert_allclose(theta, model.coef_, rtol=RTOL)
    assert theta0 == pytest.approx(model.intercept_, rel=RTOL)
    _, exact = paths.fit(X, y, lam, r)
    np.testing.assert_allclose(theta, exact, rtol=RTOL, atol=1e-12)


def test_proximal_step_gives_exact_zeros_for_the_useless_features(houses) -> None:
    X, y = houses
    run = descent.Descent(X, y, 0.5, lam=2.0, l1_ratio=1.0)
    run.step(200)
    _, theta = run.params()
    assert theta[4] == 0.0 and theta[5] == 0.0  # floor and month: exactly 0, not 1e-9
    assert np.all(np.diff(run.history) <= 1e-12)  # J never goes up with a stable α


def test_cost_falls_and_matches_linear_cost(houses) -> None:
    X, y = houses
    run = descent.Descent(X, y, 0.1, lam=0.5, l1_ratio=0.3)
    run.step(20)
    theta0, theta = run.params()
    assert run.history[-1] == pytest.approx(linear.cost(theta0, theta, X, y, 0.5, 0.3))
    assert run.history[-1] < run.history[0] / 10


def test_torch_takes_the_same_steps(houses) -> None:
    pytest.importorskip("torch")
    X, y = houses
    ours = descent.Descent(X, y, 0.3, lam=1.0, l1_ratio=0.7)
    theirs = descent.Descent(X, y, 0.3, lam=1.0, l1_ratio=0.7, backend="torch")
    for _ in range(5):
        ours.step(40)
        theirs.step(40)
        np.testing.assert_allclose(theirs.params()[1], ours.params()[1], rtol=1e-12, atol=1e-12)
        assert theirs.params()[0] == pytest.approx(ours.params()[0], rel=1e-12)
    np.testing.assert_allclose(theirs.history, ours.history, rtol=1e-12)
    np.testing.assert_array_equal(theirs.params()[1] == 0, ours.params()[1] == 0)


def test_unscaled_square_metres_make_alpha_useless() -> None:
    """Raw m² (about 95 ± 30): α = 0.01 blows up; the largest stable α barely moves θ0 in 1000
    steps; standardized, α = 0.1 reaches least squares."""
    table = data.houses()
    X, y = table.columns(("m2",)), table.y
    blown = descent.Descent(X, y, 0.01)
    blown.step(100)
    assert blown.diverged_at is not None and blown.steps < 100
    assert np.isfinite(blown.params()[1]).all()
    crawl = descent.Descent(X, y, descent.largest_stable_lr(X) * 0.9)
    crawl.step(1000)
    b, w = linear.least_squares(X, y)
    assert abs(crawl.params()[0] - b) > 0.5 * abs(b)  # θ0 still far from its answer
    scaler = linear.fit_scaler(X)
    fast = descent.Descent(scaler.transform(X), y, 0.1)
    fast.step(300)
    theta0, theta = scaler.unscale(*fast.params())
    assert theta0 == pytest.approx(b, rel=1e-4) and theta[0] == pytest.approx(w[0], rel=1e-4)
