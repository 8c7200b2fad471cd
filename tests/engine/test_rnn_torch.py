"""The torch backend and torch.nn.{RNN, LSTM, GRU} against our NumPy models (same weights)."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from engine.numpy_backend import rnn as np_rnn  # noqa: E402
from engine.torch_backend import rnn as t_rnn  # noqa: E402

M, T, N_IN, N_H, N_OUT = 3, 11, 5, 6, 4


def data(seed=0):
    rng = np.random.default_rng(seed)
    X = np.eye(N_IN)[rng.integers(0, N_IN, size=(M, T))]  # (m, T, n_in)
    Y = rng.integers(0, N_OUT, size=(M, T))
    mask = (rng.random((M, T)) < 0.8).astype(float)
    return X, Y, mask


def numpy_model(name, seed=1):
    model = np_rnn.MODELS[name](N_IN, N_H, N_OUT, seed=seed)
    model.theta += np.random.default_rng(seed).normal(0, 0.3, model.theta.shape)
    return model


def numpy_grads(model, X, Y, mask):
    Z, cache = model.forward(X)
    J, dZ = np_rnn.sequence_loss(Z, Y, mask, "softmax")
    model.backward(dZ, cache)
    return Z, J, cache


@pytest.mark.parametrize("name", ["RNN", "LSTM", "GRU"])
def test_torch_backend_matches_numpy(name):
    X, Y, mask = data()
    ours = numpy_model(name)
    Z, J, cache = numpy_grads(ours, X, Y, mask)
    theirs = t_rnn.MODELS[name](N_IN, N_H, N_OUT, dtype=torch.float64)
    theirs.set_theta(ours.theta)
    Z_t, cache_t = theirs.forward(theirs.tensor(X))
    J_t = t_rnn.sequence_loss(Z_t, torch.as_tensor(Y), theirs.tensor(mask), "softmax")
    J_t.backward()
    np.testing.assert_allclose(Z_t.detach().numpy(), Z, atol=1e-12)
    assert J_t.item() == pytest.approx(J, abs=1e-12)
    np.testing.assert_allclose(theirs.theta.grad.numpy(), ours.dtheta, atol=1e-12)
    for key in ours.names:
        np.testing.assert_allclose(cache_t[key].detach().numpy(), cache[key], atol=1e-12)


def test_same_seed_same_initial_theta_in_both_backends():
    for name in np_rnn.MODELS:
        a = np_rnn.MODELS[name](N_IN, N_H, N_OUT, seed=4, gain=1.5)
        b = t_rnn.MODELS[name](N_IN, N_H, N_OUT, seed=4, gain=1.5, dtype=torch.float64)
        np.testing.assert_array_equal(a.theta, b.get_theta())


@pytest.mark.parametrize("name", ["RNN", "LSTM", "GRU"])
def test_numpy_matches_torch_nn_with_mapped_weights(name):
    """Outputs and gradients equal torch.nn.{name} given the same weights (explicit layout map)."""
    X, Y, mask = data(seed=2)
    ours = numpy_model(name, seed=3)
    Z, _, _ = numpy_grads(ours, X, Y, mask)
    cell = getattr(torch.nn, name)(N_IN, N_H, batch_first=True).double()
    state = t_rnn.to_torch_nn(ours.params, name)
    cell.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()})
    W_y = torch.tensor(ours.params["W_y"], requires_grad=True)
    b_y = torch.tensor(ours.params["b_y"], requires_grad=True)
    H, _ = cell(torch.from_numpy(X))  # (m, T, n_h)
    Z_t = H @ W_y + b_y
    J_t = t_rnn.sequence_loss(Z_t, torch.from_numpy(Y), torch.from_numpy(mask), "softmax")
    J_t.backward()
    np.testing.assert_allclose(Z_t.detach().numpy(), Z, atol=1e-12)
    grads = {k: p.grad.numpy() for k, p in cell.named_parameters()}
    mapped = t_rnn.grads_from_torch_nn(grads, name) | {"W_y": W_y.grad.numpy()}
    for key, g in mapped.items():
        np.testing.assert_allclose(ours.grads[key], g, atol=1e-12, err_msg=key)
    assert set(mapped) | {"b_y"} == set(ours.params)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_training_steps_agree_across_backends(optimizer):
    X, Y, mask = data(seed=5)
    ours = np_rnn.MODELS["LSTM"](N_IN, N_H, N_OUT, seed=6)
    theirs = t_rnn.MODELS["LSTM"](N_IN, N_H, N_OUT, seed=6, dtype=torch.float64)
    opt_a, opt_b = ours.make_optimizer(optimizer, 0.05), theirs.make_optimizer(optimizer, 0.05)
    for _ in range(5):
        J_a, n_a = ours.train_step(X, Y, mask, "softmax", opt_a, max_norm=0.5)
        J_b, n_b = theirs.train_step(X, Y, mask, "softmax", opt_b, max_norm=0.5)
        assert J_a == pytest.approx(J_b, rel=1e-9)
        assert n_a == pytest.approx(n_b, rel=1e-9)
    np.testing.assert_allclose(ours.theta, theirs.get_theta(), atol=1e-10)


def test_bad_device_is_a_clear_error():
    with pytest.raises(ValueError, match="device"):
        t_rnn.MODELS["GRU"](N_IN, N_H, N_OUT, device="tpu")


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_cuda_matches_cpu():
    X = data()[0]
    cpu = t_rnn.MODELS["LSTM"](N_IN, N_H, N_OUT, seed=0, dtype=torch.float64)
    gpu = t_rnn.MODELS["LSTM"](N_IN, N_H, N_OUT, seed=0, device="cuda", dtype=torch.float64)
    np.testing.assert_allclose(cpu.predict(X), gpu.predict(X), atol=1e-10)
