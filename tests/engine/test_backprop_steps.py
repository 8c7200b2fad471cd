"""The stepper's steps: each formula line, on its own numbers, gives the engine's result."""

import numpy as np
import pytest

from engine import backprop_steps as bs
from engine.backends import make_mlp
from engine.gradcheck import relative_error
from engine.spec import MLPSpec

STRICT = {"rtol": 0, "atol": 1e-12}
KEYS = ["input", "z", "a", "z", "a", "loss", "delta_out", "grads", "dA", "delta", "grads", "update"]


@pytest.fixture
def stepper():
    return bs.XorStepper(lr=1.0, seed=3)


def by_key(steps, key, layer):
    return next(s for s in steps if s.key == key and s.layer == layer)


def test_step_order_follows_the_lecture(stepper):
    assert [s.key for s in stepper.steps] == KEYS
    assert [s.layer for s in stepper.steps] == [0, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1, 2]


def test_forward_lines_reproduce_the_engine_cache(stepper):
    steps, model = stepper.steps, stepper.model
    _, (Zs, As) = model.forward(stepper.X)
    for l in (1, 2):
        z = by_key(steps, "z", l)
        o = z.operands
        np.testing.assert_allclose(o["A_prev"] @ o["W"] + o["b"], z.results[f"Z{l}"], **STRICT)
        np.testing.assert_array_equal(z.results[f"Z{l}"], Zs[l - 1])
        a = by_key(steps, "a", l)
        np.testing.assert_allclose(1 / (1 + np.exp(-a.operands["Z"])), a.results[f"A{l}"], **STRICT)
        np.testing.assert_array_equal(a.results[f"A{l}"], As[l])


def test_loss_line_gives_the_engine_loss(stepper):
    step = by_key(stepper.steps, "loss", 2)
    Y_hat, Y = step.operands["Y_hat"], step.operands["Y"]
    J = -np.mean(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat))
    assert pytest.approx(float(step.results["J"]), abs=1e-12) == J
    assert float(step.results["J"]) == stepper.model.loss(stepper.X, stepper.Y)


def test_backward_lines_match_the_engine_gradients(stepper):
    """δ[2] = (a − y)/m, dW = A_prevᵀ δ, δ[1] = (δ[2] W[2]ᵀ) ⊙ σ'(Z[1]): each to 1e-12."""
    steps, model = stepper.steps, stepper.model
    model.loss_and_grads(stepper.X, stepper.Y)
    out = by_key(steps, "delta_out", 2)
    o = out.operands
    np.testing.assert_allclose((o["A"] - o["Y"]) / 4, out.results["dZ2"], **STRICT)
    dA = by_key(steps, "dA", 1)
    np.testing.assert_allclose(dA.operands["dZ"] @ dA.operands["W"].T, dA.results["dA1"], **STRICT)
    delta = by_key(steps, "delta", 1)
    A1 = by_key(steps, "a", 1).results["A1"]
    expected = dA.results["dA1"] * A1 * (1 - A1)
    np.testing.assert_allclose(expected, delta.results["dZ1"], **STRICT)
    for l in (1, 2):
        g = by_key(steps, "grads", l)
        shown = g.operands["A_prev"].T @ g.operands["dZ"]
        np.testing.assert_allclose(shown, g.results[f"dW{l}"], **STRICT)
        np.testing.assert_allclose(shown, model.grads[f"W{l}"], **STRICT)
        np.testing.assert_allclose(g.operands["dZ"].sum(axis=0), model.grads[f"b{l}"], **STRICT)


def test_shown_gradients_match_centered_differences(stepper):
    """dW from the steps against (J(W + ε) − J(W − ε))/2ε on the engine's loss, computed here."""
    model, eps = stepper.model, 1e-6
    shown = {
        **by_key(stepper.steps, "grads", 1).results,
        **by_key(stepper.steps, "grads", 2).results,
    }
    for l in (1, 2):
        W = model.params[f"W{l}"]
        numeric = np.zeros_like(W)
        for idx in np.ndindex(W.shape):
            w = W[idx]
            W[idx] = w + eps
            up = model.loss(stepper.X, stepper.Y)
            W[idx] = w - eps
            down = model.loss(stepper.X, stepper.Y)
            W[idx] = w
            numeric[idx] = (up - down) / (2 * eps)
        rel = np.abs(numeric - shown[f"dW{l}"]) / (np.abs(numeric) + np.abs(shown[f"dW{l}"]))
        assert rel.max() < 1e-6


def test_gradient_check_passes_on_the_engine_and_catches_a_wrong_gradient(stepper):
    model = stepper.model
    theta = model.get_theta()
    numeric, analytic, err = bs.gradient_check(model, stepper.X, stepper.Y)
    assert err < 1e-6
    np.testing.assert_allclose(numeric, analytic, rtol=1e-6, atol=1e-9)
    np.testing.assert_array_equal(model.get_theta(), theta)
    broken = analytic.copy()
    broken[0] += 1e-3 * np.abs(analytic).max()
    assert relative_error(numeric, broken) > 1e-5


def test_plugged_lines_show_the_numbers(stepper):
    z1 = by_key(stepper.steps, "z", 1)
    assert bs.fmt(float(z1.results["Z1"][3, 2])) in z1.plugged[0]
    update = stepper.steps[-1]
    assert bs.fmt(float(update.results["W1_new"][0, 0])) in update.plugged[1]
    assert bs.fmt(2.5e-7) == r"2.5\cdot10^{-7}"
    assert bs.fmt(0.0) == "0"


def test_update_then_next_epoch_uses_the_shown_weights_and_keeps_b_zero(stepper):
    shown = stepper.steps[-1].results
    for _ in range(len(stepper.steps)):
        stepper.next()
    assert (stepper.epoch, stepper.index) == (1, 0)
    np.testing.assert_array_equal(stepper.model.params["W1"], shown["W1_new"])
    np.testing.assert_array_equal(stepper.model.params["W2"], shown["W2_new"])
    assert not stepper.model.params["b1"].any() and not stepper.model.params["b2"].any()
    assert stepper.losses[1] < stepper.losses[0]


def test_previous_walks_back_across_an_epoch(stepper):
    start = stepper.model.get_params()
    for _ in range(len(stepper.steps) + 2):
        stepper.next()
    for _ in range(len(stepper.steps) + 2):
        stepper.previous()
    assert (stepper.epoch, stepper.index) == (0, 0)
    for name, value in start.items():
        np.testing.assert_array_equal(stepper.model.params[name], value)
    stepper.previous()
    assert (stepper.epoch, stepper.index) == (0, 0)


def test_training_solves_xor():
    stepper = bs.XorStepper(lr=1.0, seed=0)
    stepper.train(1500)
    Y_hat = stepper.model.predict(stepper.X)
    np.testing.assert_array_equal((Y_hat > 0.5).astype(float), stepper.Y)
    assert len(stepper.history) == len(stepper.losses) == 1501


def test_changing_lr_forgets_the_future(stepper):
    stepper.train(5)
    stepper.goto(2)
    stepper.set_lr(0.5)
    assert len(stepper.history) == 3
    assert stepper.steps[-1].operands["lr"] == 0.5
    with pytest.raises(ValueError, match="lr"):
        stepper.set_lr(0.0)


def test_known_accumulates_results(stepper):
    values = bs.known(stepper.steps, 4)
    assert set(values) == {"A0", "Z1", "A1", "Z2", "A2"}
    assert "dW1" in bs.known(stepper.steps, len(stepper.steps) - 1)


def test_engine_backward_returns_every_delta():
    """MLP.backward's dZ[1..L] satisfy dW[l] = A[l−1]ᵀ dZ[l] on a deeper tanh net."""
    spec = MLPSpec(n_in=2, hidden=(5, 3), n_out=1, activation="tanh")
    model = make_mlp(spec, seed=1)
    X = np.random.default_rng(0).normal(size=(7, 2))
    Y = (X[:, :1] > 0).astype(float)
    A, cache = model.forward(X)
    dZs = model.backward(Y, cache)
    assert [dZ.shape for dZ in dZs] == [(7, 5), (7, 3), (7, 1)]
    np.testing.assert_allclose(dZs[-1], (A - Y) / 7, **STRICT)
    for l, dZ in enumerate(dZs, start=1):
        np.testing.assert_allclose(cache[1][l - 1].T @ dZ, model.grads[f"W{l}"], **STRICT)
