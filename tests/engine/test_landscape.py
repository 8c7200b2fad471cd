"""Slices of a network's surface: every value is the engine's J; directions are what they claim."""

import numpy as np
import pytest

from engine import landscape as ls
from engine.backends import make_mlp
from engine.datasets import DataSpec, make_dataset
from engine.params import views
from engine.spec import MLPSpec, to_targets
from engine.trainer import Trainer

SPECS = [
    MLPSpec(n_in=2, hidden=(4, 2), output="tanh", loss="half_mse"),
    MLPSpec(
        n_in=3,
        hidden=(5, 4),
        n_out=3,
        activation="relu",
        output="softmax",
        loss="cce",
        reg="elasticnet",
        lam=0.5,
        l1_ratio=0.3,
    ),
    MLPSpec(
        n_in=2, hidden=(6,), activation="sigmoid", output="sigmoid", loss="bce", reg="l1", lam=2.0
    ),
    MLPSpec(n_in=2, hidden=(3,), activation="elu", output="linear", loss="mse", reg="l2", lam=1.0),
]


def random_problem(spec: MLPSpec, m: int = 40, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, spec.n_in))
    y = rng.integers(0, max(spec.n_out, 2), m) if spec.output != "linear" else rng.random(m)
    model = make_mlp(spec, seed=seed)
    theta = model.get_theta()
    delta, eta = rng.standard_normal((2, theta.size))
    return model, X, to_targets(y, spec), theta, delta, eta


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.output}-{s.loss}-{s.reg}")
def test_plane_losses_equal_the_engine_loss(spec):
    model, X, Y, theta, delta, eta = random_problem(spec)
    points = np.random.default_rng(1).uniform(-1, 1, (23, 2))
    J64 = ls.plane_losses(spec, theta, delta, eta, points, X, Y, dtype=np.float64)
    J32 = ls.plane_losses(spec, theta, delta, eta, points, X, Y)
    for k, (a, b) in enumerate(points):
        model.set_theta(theta + a * delta + b * eta)
        truth = model.loss(X, Y)
        assert J64[k] == pytest.approx(truth, rel=1e-12)
        assert J32[k] == pytest.approx(truth, rel=1e-5)


def test_chunks_do_not_change_the_result(monkeypatch):
    from engine.numpy_backend import landscape as backend

    spec = SPECS[1]
    _, X, Y, theta, delta, eta = random_problem(spec, m=30)
    points = np.random.default_rng(2).uniform(-2, 2, (50, 2))
    whole = ls.plane_losses(spec, theta, delta, eta, points, X, Y, dtype=np.float64)
    monkeypatch.setattr(backend, "MAX_CHUNK_ELEMENTS", 7)  # one point per chunk
    monkeypatch.setattr(backend, "MAX_BATCH_ELEMENTS", 300)  # the loss taken 3 points at a time
    one_by_one = ls.plane_losses(spec, theta, delta, eta, points, X, Y, dtype=np.float64)
    np.testing.assert_allclose(one_by_one, whole, rtol=1e-13)


def trained(epochs: int = 12, name: str = "circle") -> Trainer:
    data = make_dataset(DataSpec(name, n_points=200, seed=3))
    spec = MLPSpec(n_in=2, hidden=(4, 2), output="tanh", loss="half_mse")
    trainer = Trainer(make_mlp(spec, seed=1), data.X_train, data.y_train, data.X_test, data.y_test)
    trainer.step(epochs)
    return trainer


def test_slice_centre_is_the_trainers_loss():
    trainer = trained()
    theta = trainer.model.get_theta()
    delta, eta = ls.filter_normalized_directions(trainer.spec, theta, seed=0)
    axis = np.linspace(-1, 1, 11)
    F = ls.loss_grid(trainer.spec, theta, delta, eta, axis, axis, trainer.X_train, trainer.Y_train)
    assert F.shape == (11, 11)
    assert F[5, 5] == pytest.approx(trainer.history.train_loss[-1], rel=1e-6)
    assert F.min() <= F[5, 5] * (1 + 1e-6) < F.max()


def test_filter_normalized_directions_match_each_neurons_norm():
    spec = SPECS[1]
    theta = make_mlp(spec, seed=5).get_theta()
    delta, eta = ls.filter_normalized_directions(spec, theta, seed=7)
    P, D, E = (views(v, spec.param_shapes()) for v in (theta, delta, eta))
    for name in P:
        if name.startswith("b"):
            assert not D[name].any() and not E[name].any()
        else:
            norms = np.linalg.norm(P[name], axis=0)  # one per neuron: its incoming weights
            np.testing.assert_allclose(np.linalg.norm(D[name], axis=0), norms, rtol=1e-12)
            np.testing.assert_allclose(np.linalg.norm(E[name], axis=0), norms, rtol=1e-12)
    assert np.abs(delta - eta).max() > 0.1
    again = ls.filter_normalized_directions(spec, theta, seed=7)
    np.testing.assert_array_equal(again[0], delta)


def test_pca_trajectory_ends_at_the_current_weights():
    trainer = trained(epochs=15)
    thetas = np.array([theta for _, theta in trainer.snapshots])  # (T, P)
    theta = trainer.model.get_theta()
    delta, eta = ls.pca_directions(thetas, theta)
    assert delta @ eta == pytest.approx(0, abs=1e-12)
    assert np.linalg.norm(delta) == pytest.approx(1) and np.linalg.norm(eta) == pytest.approx(1)
    fit = ls.project(thetas, theta, delta, eta)
    np.testing.assert_allclose(fit.coords[-1], [0, 0], atol=1e-12)  # the end is θ* itself
    assert np.all(fit.coords[0] <= 0)  # the start sits lower left
    M = thetas - theta
    s = np.linalg.svd(M, compute_uv=False)
    assert fit.share == pytest.approx((s[:2] ** 2).sum() / (s**2).sum(), rel=1e-9)
    J = ls.plane_losses(
        trainer.spec,
        theta,
        delta,
        eta,
        fit.coords[-1:],
        trainer.X_train,
        trainer.Y_train,
        dtype=np.float64,
    )
    assert J[0] == pytest.approx(trainer.history.train_loss[-1], rel=1e-12)


def test_a_path_inside_a_plane_is_fully_explained():
    rng = np.random.default_rng(0)
    theta = rng.standard_normal(30)
    u, v = rng.standard_normal((2, 30))
    t = np.linspace(0, 1, 12)[:, None]
    thetas = theta + (1 - t) * 2 * u + (1 - t) ** 2 * v  # a curve in the plane spanned by u, v
    delta, eta = ls.pca_directions(thetas, theta)
    fit = ls.project(thetas, theta, delta, eta)
    assert fit.share == pytest.approx(1, abs=1e-12)
    np.testing.assert_allclose(fit.off_plane, 0, atol=1e-10)
    np.testing.assert_allclose(theta + fit.coords @ np.stack([delta, eta]), thetas, atol=1e-10)


def test_random_directions_explain_little_of_a_real_path():
    trainer = trained(epochs=15)
    thetas = np.array([theta for _, theta in trainer.snapshots])
    theta = trainer.model.get_theta()
    random_fit = ls.project(thetas, theta, *ls.filter_normalized_directions(trainer.spec, theta))
    pca_fit = ls.project(thetas, theta, *ls.pca_directions(thetas, theta))
    assert 0 <= random_fit.share < pca_fit.share <= 1


def test_pca_needs_a_trajectory():
    theta = np.zeros(5)
    with pytest.raises(ValueError, match="at least 3"):
        ls.pca_directions(np.ones((2, 5)), theta)
    with pytest.raises(ValueError, match="two directions"):
        ls.pca_directions(np.outer(np.arange(1, 5), np.ones(5)), theta)


def test_interpolation_ends_are_the_two_networks():
    trainer = trained()
    spec, X, Y = trainer.spec, trainer.X_train, trainer.Y_train
    theta_0, theta_1 = trainer.snapshots[0][1], trainer.model.get_theta()
    J = ls.interpolation(spec, theta_0, theta_1, np.array([0.0, 0.5, 1.0]), X, Y, dtype=np.float64)
    assert J[0] == pytest.approx(trainer.history.train_loss[0], rel=1e-12)
    assert J[2] == pytest.approx(trainer.history.train_loss[-1], rel=1e-12)


def test_path_losses_are_the_trainers_history():
    trainer = trained()
    thetas = np.array([theta for _, theta in trainer.snapshots])
    J = ls.path_losses(trainer.spec, thetas, trainer.X_train, trainer.Y_train)
    np.testing.assert_allclose(J, trainer.history.train_loss, rtol=1e-12)


def test_too_large_a_slice_is_refused_with_the_limit():
    spec = MLPSpec(n_in=784, hidden=(512,), n_out=10, output="softmax", loss="cce")
    with pytest.raises(ValueError, match="limit is 1e"):
        ls.check_work(spec, 101 * 101, 256)
    ls.check_work(spec, 51 * 51, 256)  # the benchmark's slice is allowed
    small = SPECS[0]
    _, X, Y, theta, delta, eta = random_problem(small)
    axis = np.linspace(-1, 1, ls.MAX_SLICE_RESOLUTION + 1)
    with pytest.raises(ValueError, match=f"2 to {ls.MAX_SLICE_RESOLUTION} points"):
        ls.loss_grid(small, theta, delta, eta, axis, axis[:5], X, Y)
    with pytest.raises(ValueError, match="increasing"):
        ls.loss_grid(small, theta, delta, eta, axis[:5][::-1], axis[:5], X, Y)
    with pytest.raises(ValueError, match="entries"):
        ls.plane_losses(small, theta[:-1], delta, eta, np.zeros((1, 2)), X, Y)


def test_span_holds_the_values_and_zero():
    lo, hi = ls.span(np.array([-3.0, -1.0]))
    assert lo < -3 and hi > 0


def test_torch_slice_matches_numpy():
    pytest.importorskip("torch")
    for spec in SPECS:
        _, X, Y, theta, delta, eta = random_problem(spec, seed=4)
        points = np.random.default_rng(3).uniform(-1, 1, (17, 2))
        args = (spec, theta, delta, eta, points, X, Y)
        np.testing.assert_allclose(
            ls.plane_losses(*args, backend="torch", dtype=np.float64),
            ls.plane_losses(*args, dtype=np.float64),
            rtol=1e-12,
        )


@pytest.mark.cuda
def test_cuda_slice_matches_numpy():
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("torch sees no CUDA GPU")
    spec = SPECS[1]
    _, X, Y, theta, delta, eta = random_problem(spec, seed=6)
    points = np.random.default_rng(3).uniform(-1, 1, (40, 2))
    args = (spec, theta, delta, eta, points, X, Y)
    np.testing.assert_allclose(
        ls.plane_losses(*args, backend="torch", device="cuda"), ls.plane_losses(*args), rtol=1e-4
    )
