"""Losses and λ term on a stack of networks equal the one-network values, in both engines."""

import numpy as np
import pytest

from engine.numpy_backend import losses
from engine.numpy_backend.activations import activate

CASES = [
    ("sigmoid", "bce", 1),
    ("softmax", "cce", 3),
    ("linear", "mse", 2),
    ("tanh", "half_mse", 1),
]


def stacked_outputs(output: str, n_out: int, G: int = 5, m: int = 7, seed: int = 0):
    rng = np.random.default_rng(seed)
    Z = 3 * rng.standard_normal((G, m, n_out))  # (G, m, n_out)
    if output == "softmax":
        Y = np.eye(n_out)[rng.integers(0, n_out, m)]
    elif output == "sigmoid":
        Y = rng.integers(0, 2, (m, 1)).astype(float)
    else:
        Y = rng.standard_normal((m, n_out))
    return Z, activate(output, Z), Y


@pytest.mark.parametrize(("output", "loss", "n_out"), CASES)
def test_stacked_data_loss_equals_each_network(output, loss, n_out):
    Z, A, Y = stacked_outputs(output, n_out)
    J = losses.data_loss(loss, Z, A, Y)
    assert J.shape == (len(Z),)
    for g in range(len(Z)):
        one = losses.data_loss(loss, Z[g], A[g], Y)
        assert isinstance(one, float)
        assert J[g] == pytest.approx(one, rel=1e-14)


@pytest.mark.parametrize("reg", ["l1", "l2", "elasticnet"])
def test_stacked_penalty_equals_each_network(reg):
    rng = np.random.default_rng(1)
    Ws = [rng.standard_normal((4, 3, 2)), rng.standard_normal((4, 2, 1))]  # G = 4 networks
    P = losses.penalty(reg, 0.7, 0.3, Ws, m=9, stacked=True)
    assert P.shape == (4,)
    for g in range(4):
        assert P[g] == pytest.approx(losses.penalty(reg, 0.7, 0.3, [W[g] for W in Ws], 9))
    expected_l2 = 0.7 / (2 * 9) * sum((W[0] ** 2).sum() for W in Ws)
    assert losses.penalty("l2", 0.7, 0.3, [W[0] for W in Ws], 9) == pytest.approx(expected_l2)


@pytest.mark.parametrize(("output", "loss", "n_out"), CASES)
def test_torch_stacked_loss_matches_numpy(output, loss, n_out):
    torch = pytest.importorskip("torch")
    from engine.torch_backend import losses as tlosses

    Z, A, Y = stacked_outputs(output, n_out, seed=2)
    J = tlosses.data_loss(loss, torch.as_tensor(Z), torch.as_tensor(A), torch.as_tensor(Y))
    np.testing.assert_allclose(J.numpy(), losses.data_loss(loss, Z, A, Y), rtol=1e-12)
    Ws = [np.random.default_rng(3).standard_normal((5, 3, 2))]
    P = tlosses.penalty("elasticnet", 2.0, 0.4, [torch.as_tensor(W) for W in Ws], 7, True)
    np.testing.assert_allclose(P.numpy(), losses.penalty("elasticnet", 2.0, 0.4, Ws, 7, True))


def test_unstacked_penalty_sums_kernels_of_any_shape():
    K = np.arange(24.0).reshape(2, 3, 2, 2)  # a conv kernel (F, C, kh, kw)
    assert losses.penalty("l1", 1.0, 0.5, [K], m=2) == pytest.approx(K.sum() / 2)
