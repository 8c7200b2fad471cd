"""The NumPy MLP: gradient checks for every activation × loss × λ term, XOR, symmetry, bad input."""

import numpy as np
import pytest

from engine.backends import make_mlp
from engine.datasets import xor_workshop
from engine.gradcheck import numerical_gradient, relative_error
from engine.numpy_backend.mlp import MLP
from engine.spec import HIDDEN_ACTIVATIONS, REGULARIZERS, MLPSpec, to_targets
from engine.trainer import Trainer

# every output layer with every loss it can be trained with
OUTPUT_LOSSES = [
    ("sigmoid", "bce"),
    ("softmax", "cce"),
    ("linear", "mse"),
    ("linear", "half_mse"),
    ("sigmoid", "half_mse"),
    ("tanh", "half_mse"),
    ("softmax", "mse"),
]


def batch(spec: MLPSpec, m: int = 6, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, spec.n_in))
    if spec.output == "softmax":
        y = rng.integers(0, spec.n_out, m)
    elif spec.output == "linear":
        y = rng.normal(size=m)
    else:
        y = rng.integers(0, 2, m)
    return X, to_targets(y, spec)


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize(("output", "loss"), OUTPUT_LOSSES)
@pytest.mark.parametrize("reg", REGULARIZERS)
def test_backprop_matches_centered_differences(activation, output, loss, reg):
    n_out = 3 if output == "softmax" else 1
    spec = MLPSpec(
        n_in=3, hidden=(4, 3), n_out=n_out, activation=activation, output=output, loss=loss,
        reg=reg, lam=0.3, init="xavier",
    )  # fmt: skip
    model = MLP(spec, seed=1)
    # keep ReLU-family pre-activations away from the kink, where differences are meaningless
    X, Y = batch(spec, seed=2)
    model.loss_and_grads(X, Y)
    numeric = numerical_gradient(lambda: model.loss(X, Y), model.theta)
    assert relative_error(model.dtheta, numeric) < 1e-6


def test_lecture_shortcut_at_the_output():
    """dJ/dZ[L] = (Ŷ − Y)/m for σ + cross-entropy: the last bias gradient is the mean error."""
    spec = MLPSpec(n_in=2, hidden=(3,), n_out=1)
    model = MLP(spec, seed=0)
    X, Y = batch(spec, m=5)
    model.loss_and_grads(X, Y)
    Y_hat = model.predict(X)
    np.testing.assert_allclose(model.grads["b2"], (Y_hat - Y).mean(axis=0), rtol=1e-12)


def test_biases_are_not_penalized():
    spec = MLPSpec(n_in=2, hidden=(3,), n_out=1, reg="l2", lam=5.0)
    plain = MLP(MLPSpec(n_in=2, hidden=(3,), n_out=1), seed=0)
    penalized = MLP(spec, seed=0)
    X, Y = batch(spec)
    plain.loss_and_grads(X, Y)
    penalized.loss_and_grads(X, Y)
    np.testing.assert_array_equal(plain.grads["b1"], penalized.grads["b1"])
    np.testing.assert_allclose(
        penalized.grads["W1"] - plain.grads["W1"], 5.0 / 6 * plain.params["W1"], rtol=1e-12
    )


def test_l2_term_is_the_lectures():
    """J = data + λ/(2m)·ΣW² (seed 000)."""
    spec = MLPSpec(n_in=2, hidden=(3,), n_out=1, reg="l2", lam=2.0)
    model = MLP(spec, seed=0)
    X, Y = batch(spec, m=4)
    no_reg = MLP(MLPSpec(n_in=2, hidden=(3,), n_out=1), params=model.get_params())
    sum_sq = sum((model.params[k] ** 2).sum() for k in ("W1", "W2"))
    assert model.loss(X, Y) == pytest.approx(no_reg.loss(X, Y) + 2.0 / (2 * 4) * sum_sq)


def test_xor_workshop_learns_all_four_points():
    X, y = xor_workshop()
    spec = MLPSpec(n_in=3, hidden=(4,), n_out=1, activation="sigmoid", output="sigmoid")
    model = make_mlp(spec, seed=0)
    trainer = Trainer(model, X, y, X, y, optimizer="sgd", lr=1.0, batch_size=4, seed=0)
    trainer.step(3000)
    Y_hat = model.predict(X)[:, 0]
    assert list((Y_hat > 0.5).astype(int)) == [0, 1, 1, 0]
    assert np.all(np.abs(Y_hat - y) < 0.2)


def test_zeros_init_never_breaks_symmetry():
    X, y = xor_workshop()
    spec = MLPSpec(
        n_in=3, hidden=(4,), n_out=1, activation="sigmoid", output="sigmoid", init="zeros"
    )
    model = make_mlp(spec, seed=0)
    Trainer(model, X, y, X, y, lr=1.0, batch_size=4).step(500)
    W1 = model.params["W1"]
    # every hidden unit has the same incoming weights, so they compute the same thing
    assert np.allclose(W1, W1[:, :1])
    assert np.allclose(model.params["W2"], model.params["W2"][0])
    A1 = model.layer_outputs(X)[0]
    assert np.allclose(A1, A1[:, :1])
    assert list((model.predict(X)[:, 0] > 0.5).astype(int)) != [0, 1, 1, 0]


def test_copying_weights_by_name():
    spec = MLPSpec(hidden=(5, 3))
    a = MLP(spec, seed=1)
    b = MLP(spec, params=a.get_params())
    X, _ = batch(spec)
    np.testing.assert_array_equal(a.predict(X), b.predict(X))
    assert set(a.get_params()) == {"W1", "b1", "W2", "b2", "W3", "b3"}
    assert a.params["W1"].shape == (2, 5) and a.params["b3"].shape == (1,)


def test_xavier_variance():
    spec = MLPSpec(n_in=300, hidden=(200,), n_out=1)
    W1 = MLP(spec, seed=0).params["W1"]
    assert W1.var() == pytest.approx(2 / (300 + 200), rel=0.05)


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"hidden": (4, -2)}, "width"),
        ({"hidden": (0,)}, "width"),
        ({"hidden": (4,) * 11}, "hidden"),
        ({"n_in": 0}, "n_in"),
        ({"activation": "swish"}, "activation"),
        ({"output": "relu"}, "output"),
        ({"loss": "hinge"}, "loss"),
        ({"loss": "cce"}, "cce"),
        ({"reg": "l3"}, "reg"),
        ({"lam": -1.0}, "λ"),
        ({"lam": float("nan")}, "λ"),
        ({"init": "orthogonal"}, "init"),
    ],
)
def test_bad_specs_raise_clear_errors(kwargs, word):
    with pytest.raises(ValueError, match=word):
        MLP(MLPSpec(**kwargs))


def test_bad_backend_and_device():
    with pytest.raises(ValueError, match="backend"):
        make_mlp(MLPSpec(), backend="jax")
    with pytest.raises(ValueError, match="device"):
        make_mlp(MLPSpec(), backend="numpy", device="cuda")


def test_wrong_parameter_shape_is_refused():
    with pytest.raises(ValueError, match="W1"):
        MLP(MLPSpec(), params={**MLP(MLPSpec()).get_params(), "W1": np.zeros((3, 3))})
