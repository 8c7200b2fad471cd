"""Logistic regression, thresholds, odds, one-vs-all and the grid helpers of engine/softmax.py,
plus the two small shared additions they use: losses.point_loss and metrics.precision_recall."""

import numpy as np
import pytest

from engine import metrics
from engine import softmax as sm
from engine.backends import make_mlp
from engine.datasets import DataSpec, featurize, grid, make_dataset
from engine.numpy_backend import losses
from engine.trainer import Trainer


def logistic_run(name: str, features: tuple[str, ...], epochs: int = 60):
    data = make_dataset(DataSpec(name, n_points=200, noise=0.0, seed=1))
    X_train, X_test = featurize(data.X_train, features), featurize(data.X_test, features)
    model = make_mlp(sm.logistic_spec(len(features)), seed=0)
    trainer = Trainer(model, X_train, data.y_train, X_test, data.y_test, lr=0.03)
    trainer.step(epochs)
    return trainer


def test_logistic_regression_is_an_mlp_without_hidden_layer():
    spec = sm.logistic_spec(2)
    assert (
        spec.hidden == ()
        and spec.n_out == 1
        and spec.param_shapes()
        == {
            "W1": (2, 1),
            "b1": (1,),
        }
    )


def test_polynomial_features_turn_the_line_into_a_circle():
    linear = logistic_run("circle", ("x1", "x2"))
    circle = logistic_run("circle", ("x1", "x2", "x1^2", "x2^2"))
    assert linear.history.test_score[-1] < 0.75
    assert circle.history.test_score[-1] > 0.95
    theta, _ = sm.odds_reading(circle.model.get_params())
    # the lecture's f(−1 + x1² + x2²) with the signs flipped (class 1 is the inner disc here):
    # θ0 > 0, the squares outweigh x1 and x2, and θ0 + θ3·r² = 0 near the gap 2.5 < r < 3.5
    assert theta[0] > 0 and max(theta[3:]) < -1.5 * max(abs(theta[1:3]))
    assert 2.5 < np.sqrt(-theta[0] / theta[3:].mean()) < 3.5


def test_odds_are_e_to_the_log_odds():
    params = {"W1": np.array([[0.5], [-1.0]]), "b1": np.array([0.3])}
    model = make_mlp(sm.logistic_spec(2), params=params)
    theta, odds_ratio = sm.odds_reading(params)
    assert theta.tolist() == [0.3, 0.5, -1.0]
    x = np.array([[2.0, 1.0]])
    h = model.predict(x)[0, 0]
    log_odds = 0.3 + 0.5 * 2.0 - 1.0 * 1.0
    assert h / (1 - h) == pytest.approx(np.exp(log_odds))
    assert h / (1 - h) == pytest.approx(odds_ratio[0] * odds_ratio[1] ** 2 * odds_ratio[2])


def test_threshold_report_by_hand():
    h = np.array([0.2, 0.6, 0.4, 0.9, 0.5])
    y = np.array([0, 0, 1, 1, 0])
    at_half = sm.threshold_report(h, y, 0.5)  # h = 0.5 counts as class 1 (h ≥ threshold)
    assert at_half.C.tolist() == [[1, 2], [1, 1]]
    assert (at_half.precision, at_half.recall, at_half.accuracy) == (1 / 3, 0.5, 0.4)
    low = sm.threshold_report(h, y, 0.3)
    assert low.C.tolist() == [[1, 2], [0, 2]]
    assert (low.precision, low.recall) == (0.5, 1.0)
    none = sm.threshold_report(h, y, 1.0)
    assert np.isnan(none.precision) and none.recall == 0.0
    with pytest.raises(ValueError, match="threshold"):
        sm.threshold_report(h, y, 1.5)


def test_precision_recall_per_class():
    C = np.array([[5, 1, 0], [2, 3, 0], [0, 0, 0]])
    precision, recall = metrics.precision_recall(C)
    np.testing.assert_allclose(precision[:2], [5 / 7, 3 / 4])
    np.testing.assert_allclose(recall[:2], [5 / 6, 3 / 5])
    assert np.isnan(precision[2]) and np.isnan(recall[2])


@pytest.mark.parametrize("loss", ["bce", "cce", "mse", "half_mse"])
def test_point_loss_averages_to_data_loss(loss):
    rng = np.random.default_rng(0)
    K = 1 if loss == "bce" else 3
    Z = rng.normal(0, 3, (7, K))
    A = 1 / (1 + np.exp(-Z)) if K == 1 else np.exp(Z) / np.exp(Z).sum(1, keepdims=True)
    Y = rng.integers(0, 2, (7, 1)) if K == 1 else np.eye(K)[rng.integers(0, K, 7)]
    per_point = losses.point_loss(loss, Z, A, Y)
    assert per_point.shape == (7,)
    assert per_point.mean() == pytest.approx(losses.data_loss(loss, Z, A, Y))
    if loss in ("bce", "cce"):
        picked = A[:, 0] if K == 1 else A[np.arange(7), Y.argmax(1)]
        picked = np.where(Y[:, 0] == 1, picked, 1 - picked) if K == 1 else picked
        np.testing.assert_allclose(per_point, -np.log(picked))


def test_point_readings_of_a_softmax_network():
    data = make_dataset(DataSpec("blobs", n_points=60, n_classes=4, seed=2))
    model = make_mlp(sm.softmax_regression_spec(2, 4), seed=0)
    model.set_params({"W1": np.arange(8.0).reshape(2, 4) / 10, "b1": np.array([0, 1, 0, -1.0])})
    r = sm.point_readings(model, data.X_train, data.y_train)
    assert r.Z.shape == r.Y_hat.shape == (30, 4)
    np.testing.assert_allclose(r.Y_hat.sum(1), 1)
    assert r.loss[3] == pytest.approx(sm.cross_entropy(r.Z[3], data.y_train[3])[0])
    Y = np.eye(4)[data.y_train]
    assert r.loss.mean() == pytest.approx(model.loss(data.X_train, Y))


def test_one_vs_all_against_softmax_regression():
    data = make_dataset(DataSpec("blobs", n_points=300, noise=0.1, n_classes=3, seed=0))
    ova = sm.OneVsAll(3, data.X_train, data.y_train, data.X_test, data.y_test, lr=0.03)
    ova.step(20)
    assert ova.epoch == 20 and ova.divergence is None
    for k, trainer in enumerate(ova.trainers):
        assert trainer.y_train.tolist() == (data.y_train == k).tolist()
    H = ova.predict(data.X_test)
    assert H.shape == (len(data.y_test), 3)
    assert ova.accuracy(data.X_test, data.y_test) > 0.9
    assert np.abs(H.sum(1) - 1).max() > 0.05  # one-vs-all probabilities need not add up to 1
    model = make_mlp(sm.softmax_regression_spec(2, 3), seed=0)
    Trainer(model, data.X_train, data.y_train, data.X_test, data.y_test, lr=0.03).step(20)
    np.testing.assert_allclose(model.predict(data.X_test).sum(1), 1)


def test_probability_grid_rows_are_x2_and_columns_x1():
    axis, P = sm.probability_grid(lambda F: F, ("x1", "x2"), resolution=5)
    assert P.shape == (5, 5, 2)
    np.testing.assert_allclose(P[:, :, 0], np.tile(axis, (5, 1)))
    np.testing.assert_allclose(P[:, :, 1], np.tile(axis[:, None], (1, 5)))


def test_level_crossings_find_the_boundary():
    axis, points = grid(41, 6.0)
    line = points[:, 0].reshape(41, 41)  # F = x1
    crossings = sm.level_crossings(axis, line, 0.5)
    assert len(crossings) == 41
    np.testing.assert_allclose(crossings[:, 0], 0.5)
    circle = (points**2).sum(1).reshape(41, 41)  # F = x1² + x2², level 9: the circle of radius 3
    radii = np.linalg.norm(sm.level_crossings(axis, circle, 9.0), axis=1)
    assert len(radii) > 40
    np.testing.assert_allclose(radii, 3.0, atol=0.05)
    assert len(sm.level_crossings(axis, circle, 100.0)) == 0
