"""The stepper's gradients against torch autograd on the same weights (an independent oracle)."""

import numpy as np
import pytest

from engine import backprop_steps as bs
from engine.backends import make_mlp
from engine.params import views

torch = pytest.importorskip("torch")


def test_shown_gradients_equal_torch_autograd():
    stepper = bs.XorStepper(lr=1.0, seed=5)
    stepper.train(3)
    shown = bs.known(stepper.steps, len(stepper.steps) - 1)
    twin = make_mlp(bs.XOR_SPEC, backend="torch", params=stepper.model.get_params())
    J = twin.loss_and_grads(torch.as_tensor(stepper.X), torch.as_tensor(stepper.Y))
    grads = views(twin.theta.grad.numpy(), twin.shapes)
    assert pytest.approx(float(shown["J"]), abs=1e-12) == J
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(shown[f"d{name}"], grads[name], rtol=0, atol=1e-12)
