"""NumPy RNN, LSTM and GRU: BPTT against centered finite differences, and learning."""

import numpy as np
import pytest

from engine.gradcheck import numerical_gradient, relative_error
from engine.numpy_backend.rnn import MAX_HIDDEN, MODELS, sequence_loss
from engine.sequences import make_task

T_STEPS = 12  # the gradient check runs through at least 10 time steps


def batch(seed=0, m=3, T=T_STEPS, n_in=5, n_out=4):
    rng = np.random.default_rng(seed)
    X = np.eye(n_in)[rng.integers(0, n_in, size=(m, T))]  # (m, T, n_in) one-hot
    Y = rng.integers(0, n_out, size=(m, T))
    mask = (rng.random((m, T)) < 0.7).astype(float)
    return X, Y, mask


@pytest.mark.parametrize("name", list(MODELS))
@pytest.mark.parametrize("loss", ["softmax", "mse"])
def test_bptt_matches_finite_differences(name, loss):
    X, Y, mask = batch()
    if loss == "mse":
        Y = np.random.default_rng(1).normal(size=(*Y.shape, 4))
    model = MODELS[name](5, 6, 4, seed=2)
    model.theta += np.random.default_rng(3).normal(0, 0.4, model.theta.shape)  # off the init

    def J():
        return sequence_loss(model.forward(X)[0], Y, mask, loss)[0]

    Z, cache = model.forward(X)
    _, dZ = sequence_loss(Z, Y, mask, loss)
    model.backward(dZ, cache)
    assert model.theta.dtype == np.float64
    assert relative_error(model.dtheta, numerical_gradient(J, model.theta)) < 1e-6
    for key, g in model.grads.items():
        assert np.abs(g).sum() > 0, f"{name}: no gradient reached {key}"


@pytest.mark.parametrize("name", list(MODELS))
def test_dJ_dh_is_the_total_gradient_of_each_state(name):
    """backward returns dJ/dh_t: checked by nudging h_t through the loss of later steps only."""
    X, Y, mask = batch(T=10)
    model = MODELS[name](5, 4, 4, seed=0)
    Z, cache = model.forward(X)
    _, dZ = sequence_loss(Z, Y, mask, "softmax")
    dH = model.backward(dZ, cache)
    assert dH.shape == cache["h"].shape
    # dJ/dh at the last step only flows through the output layer.
    np.testing.assert_allclose(dH[:, -1], dZ[:, -1] @ model.params["W_y"].T)


@pytest.mark.parametrize("name", list(MODELS))
def test_same_seed_same_theta_and_shapes(name):
    a, b = MODELS[name](4, 8, 3, seed=7), MODELS[name](4, 8, 3, seed=7)
    np.testing.assert_array_equal(a.theta, b.theta)
    assert a.params["W_y"].shape == (8, 3)
    for key, shape in a.shapes.items():
        assert a.params[key].shape == shape
        assert np.shares_memory(a.params[key], a.theta)


def test_lstm_names_follow_the_lecture():
    lstm = MODELS["LSTM"](3, 2, 2)
    for g in "fioc":
        assert {f"W_x{g}", f"W_h{g}", f"b_{g}"} <= set(lstm.params)
    _, cache = lstm.forward(np.eye(3)[None, [0, 1, 2]])
    assert set(cache) >= {"f", "i", "o", "c_hat", "c", "h"}
    c, f, i, c_hat = cache["c"][0], cache["f"][0], cache["i"][0], cache["c_hat"][0]
    np.testing.assert_allclose(c[1], f[1] * c[0] + i[1] * c_hat[1])  # c_t = f·c_{t−1} + i·ĉ_t
    np.testing.assert_allclose(cache["h"][0], cache["o"][0] * np.tanh(c))  # h_t = o·tanh(c_t)


def test_hidden_size_beyond_the_limit_is_a_clear_error():
    with pytest.raises(ValueError, match="hidden size"):
        MODELS["LSTM"](3, MAX_HIDDEN + 1, 2)
    with pytest.raises(ValueError, match="gain"):
        MODELS["RNN"](3, 4, 2, gain=-1)


@pytest.mark.parametrize("name", list(MODELS))
def test_overfits_a_tiny_batch(name):
    task = make_task("brackets", 8)
    X, Y, mask = task.batch(np.random.default_rng(0), 8)
    model = MODELS[name](task.n_in, 16, task.n_out, seed=0)
    opt = model.make_optimizer("adam", 0.05)
    J0 = sequence_loss(model.predict(X), Y, mask, task.loss)[0]
    for _ in range(150):
        J, _ = model.train_step(X, Y, mask, task.loss, opt, max_norm=5.0)
    assert J < 0.05 * J0
    assert task.accuracy(model.predict(X), Y, mask) == 1.0


def test_clipping_bounds_the_step():
    task = make_task("remember", 5)
    X, Y, mask = task.batch(np.random.default_rng(0), 8)
    model = MODELS["RNN"](task.n_in, 8, task.n_out, seed=0, gain=4.0)
    before = model.theta.copy()
    _, norm = model.train_step(X, Y, mask, task.loss, model.make_optimizer("sgd", 1.0), 0.01)
    assert norm > 0.01  # the raw gradient was larger than the bound
    assert np.linalg.norm(model.theta - before) <= 0.01 + 1e-9
