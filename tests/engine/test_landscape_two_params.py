"""Exact two-parameter surfaces are the engine's own J; descent paths are the engine's own steps."""

import numpy as np
import pytest

from engine import two_params as tp
from engine.backends import make_mlp
from engine.spec import to_targets

CASES = [
    ("linear", "line", "none", 0.0),
    ("linear", "shifted_line", "l2", 15.0),
    ("logistic", "overlap", "l1", 8.0),
    ("logistic", "separable", "elasticnet", 5.0),
    ("logistic_mse", "overlap", "none", 0.0),
]


def engine_loss(spec, X, y, w, b):
    model = make_mlp(spec, params={"W1": np.array([[w]]), "b1": np.array([b])})
    return model.loss(X, to_targets(y, spec))


@pytest.mark.parametrize(("model", "data", "reg", "lam"), CASES)
def test_surface_equals_engine_loss_at_every_grid_point(model, data, reg, lam):
    spec = tp.spec_for(model, reg, lam)
    X, y = tp.make_data(data, n_points=30, seed=4)
    w_axis, b_axis = np.linspace(-2, 3, 9), np.linspace(-4, 4, 7)
    J = tp.surface(spec, X, y, w_axis, b_axis)
    assert J.shape == (7, 9)
    for j, b in enumerate(b_axis):
        for i, w in enumerate(w_axis):
            assert J[j, i] == pytest.approx(engine_loss(spec, X, y, w, b), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize(("model", "data", "reg", "lam"), CASES)
def test_hessian_matches_finite_differences(model, data, reg, lam):
    spec = tp.spec_for(model, "none" if reg == "l1" else reg, lam)  # |w| has no curvature
    X, y = tp.make_data(data, n_points=25, seed=1)
    theta, h = np.array([0.7, -0.4]), 1e-4
    H = np.empty((2, 2))
    for i in range(2):
        for k in range(2):
            e_i, e_k = np.eye(2)[i] * h, np.eye(2)[k] * h
            f = [
                engine_loss(spec, X, y, *(theta + s_i * e_i + s_k * e_k))
                for s_i, s_k in ((1, 1), (1, -1), (-1, 1), (-1, -1))
            ]
            H[i, k] = (f[0] - f[1] - f[2] + f[3]) / (4 * h * h)
    np.testing.assert_allclose(tp.hessian(spec, X, y, theta), H, rtol=1e-5, atol=1e-7)


def test_full_batch_path_is_the_lectures_update_rule():
    """Ridge on a line: w := w − α[(2/m)Σ(ŷ − y)x + (λ/m)w],  b := b − α(2/m)Σ(ŷ − y)."""
    spec = tp.spec_for("linear", "l2", 3.0)
    X, y = tp.make_data("line", n_points=20, seed=2)
    x, m, lr = X[:, 0], 20, 0.05
    path = tp.descent_path(spec, X, y, (-1.0, 2.0), "sgd", lr, steps=30)
    w, b = -1.0, 2.0
    for k in range(1, 31):
        E = w * x + b - y
        w, b = w - lr * (2 / m * (E * x).sum() + 3.0 / m * w), b - lr * 2 / m * E.sum()
        np.testing.assert_allclose(path.theta[k], [w, b], rtol=1e-12)
    assert path.diverged_at is None
    assert path.J[-1] < path.J[0]
    assert path.J[-1] == pytest.approx(engine_loss(spec, X, y, w, b))


def test_minibatch_paths_are_seeded_and_differ_from_full_batch():
    spec = tp.spec_for("logistic")
    X, y = tp.make_data("overlap", n_points=40)
    full = tp.descent_path(spec, X, y, (0.0, 0.0), "sgd", 0.5, 40)
    one = tp.descent_path(spec, X, y, (0.0, 0.0), "sgd", 0.5, 40, batch_size=4, seed=3)
    again = tp.descent_path(spec, X, y, (0.0, 0.0), "sgd", 0.5, 40, batch_size=4, seed=3)
    np.testing.assert_array_equal(one.theta, again.theta)
    assert np.abs(one.theta - full.theta).max() > 1e-3


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_optimizers_reach_the_minimum(optimizer):
    spec = tp.spec_for("linear", "l2", 10.0)
    X, y = tp.make_data("line", n_points=40)
    lr = {"sgd": 0.1, "momentum": 0.02, "adam": 0.1}[optimizer]
    path = tp.descent_path(spec, X, y, (-1.5, -2.5), optimizer, lr, steps=600)
    best = tp.minimum_path(spec, X, y, (-2, 5), (-3, 5), [10.0])
    assert path.theta[-1] == pytest.approx([best.w[0], best.b[0]], abs=0.05)


def test_divergence_stops_the_path_and_clipping_ends_on_the_edge():
    spec = tp.spec_for("linear")
    X, y = tp.make_data("line")
    path = tp.descent_path(spec, X, y, (-1.5, -3.0), "sgd", 5.0, steps=1000)
    assert path.diverged_at is not None and path.diverged_at < 1000
    assert np.all(np.isfinite(path.theta))
    points, left = tp.clip_to_view(path.theta, (-2, 5), (-4, 6))  # lo (−2, −4), hi (5, 6)
    assert left is not None and len(points) == left + 1
    edge, lo, hi = points[-1], np.array([-2.0, -4.0]), np.array([5.0, 6.0])
    on_edge = np.isclose(edge, lo) | np.isclose(edge, hi)
    assert on_edge.any() and np.all((edge >= lo - 1e-12) & (edge <= hi + 1e-12))
    before, after = path.theta[left - 1], path.theta[left]  # the edge lies on that segment
    u, v = after - before, edge - before
    assert abs(u[0] * v[1] - u[1] * v[0]) <= 1e-9 * np.linalg.norm(u) * np.linalg.norm(v) + 1e-12


def test_clip_keeps_a_path_that_stays_inside():
    points = np.array([[0.0, 0.0], [0.5, 0.5]])
    clipped, left = tp.clip_to_view(points, (-1, 1), (-1, 1))
    assert left is None
    np.testing.assert_array_equal(clipped, points)


def test_ridge_minimum_matches_the_closed_form():
    spec = tp.spec_for("linear", "l2", 20.0)
    X, y = tp.make_data("line", n_points=40)
    m, x = 40, X[:, 0]
    # ∂J/∂w = 0, ∂J/∂b = 0 for J = (1/m)Σ(wx + b − y)² + (λ/(2m))w²
    A = np.array([[2 * (x * x).sum() + 20.0, 2 * x.sum()], [2 * x.sum(), 2 * m]])
    w, b = np.linalg.solve(A, [2 * (x * y).sum(), 2 * y.sum()])
    best = tp.minimum_path(spec, X, y, (-2, 5), (-3, 5), [20.0])
    assert best.w[0] == pytest.approx(w, abs=0.04) and best.b[0] == pytest.approx(b, abs=0.06)
    assert not best.at_edge[0]


def test_l1_puts_the_minimum_exactly_at_zero_and_l2_does_not():
    X, y = tp.make_data("line", n_points=40)
    lams = [0.0, 30.0, 100.0]  # λ/m up to 2.5 beats the data's pull on w at 0, about (2/m)|Σxy|
    l1 = tp.minimum_path(tp.spec_for("linear", "l1", 1.0), X, y, (-2, 5), (-3, 5), lams)
    l2 = tp.minimum_path(tp.spec_for("linear", "l2", 1.0), X, y, (-2, 5), (-3, 5), lams)
    assert l1.w[0] > 1 and l1.w[-1] == 0.0
    assert 0 < l2.w[-1] < l2.w[1] < l2.w[0]


def test_separable_data_have_no_minimum_in_view_without_lambda():
    X, y = tp.make_data("separable")
    spec = tp.spec_for("logistic", "l2", 1.0)
    best = tp.minimum_path(spec, X, y, (-2, 8), (-5, 5), [0.0, 10.0])
    assert best.at_edge.tolist() == [True, False]


def test_learning_rate_presets_do_what_their_names_say():
    spec = tp.spec_for("linear", "l2", 20.0)
    X, y = tp.make_data("shifted_line")
    view = tp.DATASETS["shifted_line"]
    presets = tp.lr_presets(spec, X, y, view.start, view.w_range, view.b_range)
    assert presets["too_small"] < presets["good"] < presets["oscillating"] < presets["too_large"]
    for name in ("good", "oscillating", "too_large"):
        path = tp.descent_path(spec, X, y, view.start, "sgd", presets[name], 100)
        assert tp.behaviour(spec, X, y, path, view.w_range, view.b_range) == name.replace(
            "good", "smooth"
        )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: tp.make_data("moons"), "data set must be one of"),
        (lambda: tp.make_data("line", n_points=2), "n_points"),
        (lambda: tp.spec_for("quadratic"), "model must be one of"),
        (lambda: tp.spec_for("linear", "l2", 1e4), "λ"),
        (lambda: tp.check_fits("linear", "overlap"), "regression data"),
    ],
)
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_surface_refuses_a_grid_beyond_the_limit():
    spec = tp.spec_for("linear")
    X, y = tp.make_data("line")
    too_many = np.linspace(-1, 1, tp.MAX_SURFACE_RESOLUTION + 1)
    with pytest.raises(ValueError, match=str(tp.MAX_SURFACE_RESOLUTION)):
        tp.surface(spec, X, y, too_many, np.linspace(-1, 1, 5))


def test_path_refuses_bad_steps_start_and_rate():
    spec = tp.spec_for("linear")
    X, y = tp.make_data("line")
    with pytest.raises(ValueError, match="steps"):
        tp.descent_path(spec, X, y, (0, 0), steps=tp.MAX_STEPS + 1)
    with pytest.raises(ValueError, match="start"):
        tp.descent_path(spec, X, y, (np.nan, 0))
    with pytest.raises(ValueError, match="learning rate"):
        tp.descent_path(spec, X, y, (0, 0), lr=-1)
