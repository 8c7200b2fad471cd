"""Linear collapse, per-layer gradient norms and the initialization comparison (engine/depth.py)."""

import numpy as np
import pytest

from engine import depth
from engine.backends import make_mlp
from engine.datasets import DataSpec, make_dataset
from engine.spec import MLPSpec


@pytest.fixture(scope="module")
def circle():
    return make_dataset(DataSpec(name="circle", n_points=120, seed=0))


def test_lecture_8x9_times_9x4_collapses_to_8x4():
    spec = depth.LECTURE_COLLAPSE_SPEC
    model = make_mlp(spec, seed=0)
    W_star, b_star = depth.collapse(model.get_params(), spec.n_layers)
    assert W_star.shape == (8, 4) and b_star.shape == (4,)
    X = np.random.default_rng(1).normal(size=(5, 8))
    np.testing.assert_allclose(model.predict(X), X @ W_star + b_star, rtol=0, atol=1e-12)


def test_collapse_with_biases_and_three_layers():
    spec = MLPSpec(n_in=2, hidden=(6, 5), n_out=1, activation="linear", output="linear", loss="mse")
    rng = np.random.default_rng(2)
    params = {k: rng.normal(size=v) for k, v in spec.param_shapes().items()}
    model = make_mlp(spec, params=params)
    W_star, b_star = depth.collapse(params, spec.n_layers)
    X = rng.normal(size=(9, 2))
    np.testing.assert_allclose(model.pre_activations(X)[-1], X @ W_star + b_star, atol=1e-12)


def test_collapse_fails_for_a_tanh_network():
    """The collapse is a property of linear layers: with tanh the single matrix is wrong."""
    spec = MLPSpec(n_in=2, hidden=(6,), n_out=1, activation="tanh", output="linear", loss="mse")
    model = make_mlp(spec, seed=0)
    W_star, b_star = depth.collapse(model.get_params(), spec.n_layers)
    X = np.random.default_rng(3).normal(size=(9, 2)) * 3
    assert np.abs(model.predict(X) - (X @ W_star + b_star)).max() > 0.1


def test_sigmoid_gradients_vanish_relu_gradients_do_not(circle):
    X, y = circle.X_train, circle.y_train
    sig = depth.gradient_norms(depth.deep_spec("sigmoid", "xavier", 8), X, y)
    relu = depth.gradient_norms(depth.deep_spec("relu", "he", 8), X, y)
    assert sig.shape == relu.shape == (9,)
    assert sig[0] / sig[-1] < 1e-3  # (1/4)^8 ≈ 1.5e-5 at most, times |w| factors
    assert 0.05 < relu[0] / relu[-1] < 20


def test_large_weights_explode(circle):
    X, y = circle.X_train, circle.y_train
    large = depth.gradient_norms(depth.deep_spec("tanh", "large", 8), X, y)
    assert large[0] / large[-1] > 10


def test_zero_init_keeps_hidden_units_identical(circle):
    zeros = depth.train(depth.deep_spec("sigmoid", "zeros", 3, width=6), circle, 5, lr=0.1)
    xavier = depth.train(depth.deep_spec("sigmoid", "xavier", 3, width=6), circle, 5, lr=0.1)
    assert zeros.epoch == xavier.epoch == 5
    W1 = zeros.model.params["W1"]
    assert np.abs(W1).max() > 0  # the weights moved ...
    np.testing.assert_array_equal(W1, W1[:, :1].repeat(6, axis=1))  # ... all in the same way
    spread_zeros = depth.unit_spread(zeros.model.layer_outputs(circle.X_test)[:-1])
    spread_xavier = depth.unit_spread(xavier.model.layer_outputs(circle.X_test)[:-1])
    np.testing.assert_array_equal(spread_zeros, 0)
    assert spread_xavier.min() > 0.01
