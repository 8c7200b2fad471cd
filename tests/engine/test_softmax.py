"""Softmax, temperature, the sigmoid/softmax identity and cross-entropy (engine/softmax.py)."""

import warnings

import numpy as np
import pytest

from engine import softmax as sm


@pytest.mark.parametrize(("z", "expected"), sm.LECTURE_SERIES)
def test_lecture_series_to_three_decimals(z, expected):
    np.testing.assert_allclose(sm.tempered_softmax(z), expected, atol=5e-4)
    assert np.round(sm.tempered_softmax(z), 3).tolist() == np.round(expected, 3).tolist()


def test_lecture_worked_example():
    z, expected = sm.LECTURE_EXAMPLE
    assert np.exp(z).sum() == pytest.approx(8, abs=0.01)  # the slide's Σ e^{a_j} = 8
    P = sm.tempered_softmax(z)
    assert np.round(P, 1).tolist() == list(expected)
    assert np.round(P, 3).tolist() == [0.101, 0.2, 0.698]


def test_temperature_divides_the_logits():
    z = np.array([3.0, 1.0, 0.2])
    np.testing.assert_allclose(sm.tempered_softmax(z, 2.0), sm.tempered_softmax(z / 2.0))
    assert sm.tempered_softmax(z, 1.0).tolist() == sm.tempered_softmax(z).tolist()
    np.testing.assert_allclose(sm.tempered_softmax(z, 1e6), [1 / 3] * 3, atol=1e-5)
    np.testing.assert_allclose(sm.tempered_softmax(z, 0.01), [1, 0, 0], atol=1e-12)


@pytest.mark.parametrize("T", [0, 0.0, -1.0, float("nan"), float("inf"), True, "1"])
def test_bad_temperature_is_a_clear_error(T):
    with pytest.raises(ValueError, match="temperature T must be a positive number"):
        sm.tempered_softmax([1.0, 2.0], T)


def test_temperature_sweep_rows_match_single_calls():
    z = np.array([3.0, 1.0, 0.2])
    T = np.array([0.1, 1.0, 5.0])
    P = sm.temperature_sweep(z, T)
    assert P.shape == (3, 3)
    for row, t in zip(P, T, strict=True):
        np.testing.assert_allclose(row, sm.tempered_softmax(z, t))
    with pytest.raises(ValueError, match="temperature"):
        sm.temperature_sweep(z, np.array([1.0, 0.0]))


def test_sigmoid_is_softmax_over_two_classes():
    z = np.concatenate([np.linspace(-30, 30, 61), [-1000.0, 1000.0]])
    s, p = sm.sigmoid_as_softmax(z)
    np.testing.assert_allclose(s, p, rtol=1e-12, atol=1e-300)
    expected = np.concatenate([1 / (1 + np.exp(-z[:61])), [0.0, 1.0]])  # σ(±1000) = 0, 1
    np.testing.assert_allclose(s, expected, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("z", [[1000.0, 0.0, -1000.0], [1000.0, 1000.0], [-1000.0, -1000.0, 0.0]])
def test_large_logits_are_stable(z):
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        P = sm.tempered_softmax(z)
        loss, grad = sm.cross_entropy(np.array(z), 0)
        sm.sigmoid_as_softmax(z)
    assert np.all(np.isfinite(P)) and P.sum() == pytest.approx(1)
    assert np.isfinite(loss) and np.all(np.isfinite(grad))


def test_naive_softmax_overflows_where_the_shifted_one_does_not():
    assert np.isnan(sm.naive_softmax([1000.0, 0.0])).any()
    np.testing.assert_allclose(sm.tempered_softmax([1000.0, 0.0]), [1.0, 0.0])
    np.testing.assert_allclose(sm.naive_softmax([3.0, 1.0, 0.2]), sm.tempered_softmax([3, 1, 0.2]))


@pytest.mark.parametrize("K", [2, 3, 6])
def test_cross_entropy_gradient_is_y_hat_minus_y(K):
    rng = np.random.default_rng(K)
    z = rng.normal(0, 2, K)
    y = int(rng.integers(K))
    loss, grad = sm.cross_entropy(z, y)
    Y_hat = sm.tempered_softmax(z)
    assert loss == pytest.approx(-np.log(Y_hat[y]))
    np.testing.assert_allclose(grad, Y_hat - np.eye(K)[y], atol=1e-15)
    h = 1e-5
    numeric = np.array(
        [(sm.cross_entropy(z + h * e, y)[0] - sm.cross_entropy(z - h * e, y)[0]) / (2 * h)
         for e in np.eye(K)]
    )  # fmt: skip
    rel = np.linalg.norm(numeric - grad) / max(
        np.linalg.norm(numeric) + np.linalg.norm(grad), 1e-12
    )
    assert rel < 1e-6


def test_cross_entropy_rejects_a_class_out_of_range():
    with pytest.raises(ValueError, match="true class y"):
        sm.cross_entropy(np.zeros(3), 3)
