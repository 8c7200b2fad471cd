"""Ridge, Lasso and ElasticNet of engine.workshops against scikit-learn and numpy.linalg.lstsq.

λ conversion (engine/workshops/linear.py): Lasso and ElasticNet take alpha = λ, Ridge takes
alpha = m·λ; lasso_path and enet_path fit no intercept, so they get centred data.
"""

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, LassoCV, Ridge, enet_path, lasso_path

from engine.workshops import data, linear, paths

RTOL = 1e-4
SK = {"tol": 1e-12, "max_iter": 200_000}


def standardized(table: data.Table) -> np.ndarray:
    return linear.fit_scaler(table.X).transform(table.X)


@pytest.fixture(scope="module")
def houses():
    table = data.houses()
    return standardized(table), table.y


@pytest.fixture(scope="module")
def poly():
    table, _ = data.polynomial(degree=9)
    return standardized(table), table.y


def assert_close(ours: np.ndarray, theirs: np.ndarray) -> None:
    """1e-4 relative on every coefficient, and exact zeros exactly where scikit-learn has them."""
    np.testing.assert_array_equal(ours == 0.0, theirs == 0.0)
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=1e-9 * np.abs(theirs).max())


def test_least_squares_matches_lstsq(houses) -> None:
    X, y = data.houses().X, data.houses().y  # raw units: m², rooms, years, km
    theta0, theta = linear.least_squares(X, y)
    expected, *_ = np.linalg.lstsq(linear.with_ones(X), y, rcond=None)
    np.testing.assert_allclose(np.r_[theta0, theta], expected, rtol=1e-9)


@pytest.mark.parametrize("lam", [0.05, 0.5, 3.0])
@pytest.mark.parametrize("r", [1.0, 0.5, 0.2])
def test_lasso_and_elasticnet_match_scikit_learn(houses, poly, lam: float, r: float) -> None:
    for X, y in (houses, poly):
        lam_here = lam if X.shape[1] == 6 else lam / 100  # the curve's y is 50 times smaller
        theta0, theta = paths.fit(X, y, lam_here, r)
        model = (Lasso(alpha=lam_here, **SK) if r == 1 else
                 ElasticNet(alpha=lam_here, l1_ratio=r, **SK)).fit(X, y)  # fmt: skip
        assert_close(theta, model.coef_)
        assert theta0 == pytest.approx(model.intercept_, rel=RTOL)


@pytest.mark.parametrize("lam", [0.01, 1.0, 30.0])
def test_ridge_matches_scikit_learn_with_alpha_m_lambda(houses, lam: float) -> None:
    X, y = houses
    theta0, theta = paths.fit(X, y, lam, 0.0)
    model = Ridge(alpha=len(y) * lam).fit(X, y)  # Ridge's alpha is m·λ
    assert_close(theta, model.coef_)
    assert theta0 == pytest.approx(model.intercept_, rel=RTOL)


@pytest.mark.parametrize("r", [1.0, 0.5])
def test_paths_match_lasso_path_and_enet_path(houses, poly, r: float) -> None:
    for X, y in (houses, poly):
        lams = paths.lambda_grid(X, y, r, n=50)
        ours = paths.path(X, y, lams, r)
        Xc, yc = X - X.mean(axis=0), y - y.mean()  # the *_path functions fit no intercept
        if r == 1:
            sk_lams, coefs, _ = lasso_path(Xc, yc, alphas=lams, **SK)
        else:
            sk_lams, coefs, _ = enet_path(Xc, yc, l1_ratio=r, alphas=lams, **SK)
        np.testing.assert_allclose(ours.lams, sk_lams)
        for k in range(len(lams)):
            assert_close(ours.theta[k], coefs[:, k])


def test_lasso_zeros_the_useless_features_first(houses) -> None:
    """floor and month carry no information: Lasso drops them at a λ far below the others'."""
    X, y = houses
    fitted = paths.path(X, y, paths.lambda_grid(X, y, 1.0), 1.0)
    zero_from = dict(zip(data.HOUSE_FEATURES, fitted.zero_from(), strict=True))
    useful = min(zero_from[f] for f in ("m2", "rooms", "age", "distance"))
    assert max(zero_from["floor"], zero_from["month"]) < useful / 5
    _, theta = paths.fit(X, y, 2.0, 1.0)
    assert theta[4] == 0.0 and theta[5] == 0.0  # exact zeros, not 1e-9
    assert np.all(theta[:4] != 0.0)


def test_ridge_shrinks_but_never_zeros(houses) -> None:
    X, y = houses
    fitted = paths.path(X, y, paths.lambda_grid(X, y, 0.0), 0.0)
    assert np.all(fitted.theta != 0.0)
    norms = np.abs(fitted.theta).sum(axis=1)
    assert np.all(np.diff(norms) > 0)  # smaller λ (later rows), larger coefficients


def test_cross_validation_matches_lasso_cv(houses) -> None:
    X, y = houses
    lams = paths.lambda_grid(X, y, 1.0, n=30)
    cv = paths.cross_validate(X, y, lams, 1.0, k=5, seed=0)
    splits = [(np.setdiff1d(np.arange(len(y)), held), held) for held in paths.folds(len(y), 5, 0)]
    model = LassoCV(alphas=lams, cv=splits, **SK).fit(X, y)
    np.testing.assert_allclose(cv.mse, model.mse_path_.mean(axis=1), rtol=RTOL)
    assert cv.best == pytest.approx(model.alpha_)


def test_negative_lambda_is_refused(houses) -> None:
    X, y = houses
    with pytest.raises(ValueError, match="λ must be a number ≥ 0; got -1"):
        paths.fit(X, y, -1.0, 1.0)
    with pytest.raises(ValueError, match="between 0 and 1"):
        paths.fit(X, y, 1.0, 1.5)
