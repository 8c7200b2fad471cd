"""The credit-default logistic regression against statsmodels' Logit and scikit-learn's ROC, and
the generated data sets' promises (engine.workshops.data)."""

import numpy as np
import pytest
import statsmodels.api as sm
from sklearn.metrics import roc_auc_score, roc_curve

from engine.workshops import data, logit


@pytest.fixture(scope="module")
def credit():
    return data.credit()


@pytest.mark.parametrize("columns", [("balance", "income", "student"), ("student",), ("balance",)])
def test_fit_matches_statsmodels_logit(credit, columns) -> None:
    X = credit.columns(columns)
    ours = logit.fit(X, credit.y)
    theirs = sm.Logit(credit.y, sm.add_constant(X)).fit(disp=0)
    np.testing.assert_allclose(ours.theta, theirs.params, rtol=1e-6)
    np.testing.assert_allclose(ours.se, theirs.bse, rtol=1e-6)
    np.testing.assert_allclose(ours.z, theirs.tvalues, rtol=1e-6)
    np.testing.assert_allclose(ours.p, theirs.pvalues, rtol=1e-4)


def test_balance_and_student_matter_income_does_not(credit) -> None:
    """As in ISLR's table 4.3: balance and student are significant, income is not (p > 0.05)."""
    fit = logit.fit(credit.X, credit.y)
    p = dict(zip(("intercept", *credit.features), fit.p, strict=True))
    assert p["balance"] < 1e-50 and p["student"] < 0.01 and p["income"] > 0.05
    steps = np.array([100.0, 10_000.0, 1.0])
    factor = fit.odds_factor(steps)
    assert factor[0] == pytest.approx(np.exp(100 * fit.theta[1]))
    assert 1.5 < factor[0] < 2.2  # 100 USD more owed: odds about 1.8 times larger


def test_roc_matches_scikit_learn(credit) -> None:
    fit = logit.fit(credit.X, credit.y)
    h = logit.probabilities(fit.theta, credit.X)
    ours = logit.roc(h, credit.y)
    fpr, tpr, _ = roc_curve(credit.y, h, drop_intermediate=False)
    np.testing.assert_allclose(ours.fpr, fpr)
    np.testing.assert_allclose(ours.tpr, tpr)
    assert ours.auc == pytest.approx(roc_auc_score(credit.y, h), rel=1e-12)
    assert 0.9 < ours.auc < 0.98


def test_no_feature_and_bad_threshold_are_refused(credit) -> None:
    with pytest.raises(ValueError, match="at least one feature"):
        logit.fit(credit.X[:, :0], credit.y)
    for bad in (-0.1, 1.2, float("nan")):
        with pytest.raises(ValueError, match="between 0 and 1"):
            logit.check_threshold(bad)
    assert logit.check_threshold(0.2) == 0.2


def test_credit_looks_like_islr_default(credit) -> None:
    assert len(credit.y) == 10_000 and credit.features == ("balance", "income", "student")
    assert 0.028 < credit.y.mean() < 0.038  # about 3.3 % default
    assert 0.27 < credit.X[:, 2].mean() < 0.32  # about 29 % students
    np.testing.assert_array_equal(data.credit().X, credit.X)  # seeded: the same every time
    assert not np.array_equal(data.credit(seed=1).y, credit.y)


def test_houses_have_correlated_and_useless_features() -> None:
    table = data.houses()
    C = np.corrcoef(table.X.T)
    i = table.features.index
    assert C[i("m2"), i("rooms")] > 0.8
    price = np.corrcoef(np.column_stack([table.X, table.y]).T)[-1]
    assert abs(price[i("floor")]) < 0.15 and abs(price[i("month")]) < 0.15
    assert price[i("m2")] > 0.8
    np.testing.assert_array_equal(data.houses().y, table.y)


def test_polynomial_features_are_powers() -> None:
    table, x = data.polynomial(degree=4, m=30)
    np.testing.assert_allclose(table.X, data.powers(x, 4))
    with pytest.raises(ValueError, match="between 1 and 12"):
        data.polynomial(degree=13)
