"""NumPy vs torch: the same weights and minibatch order give the same losses and gradients."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from engine.backends import make_mlp  # noqa: E402
from engine.datasets import DataSpec, make_dataset  # noqa: E402
from engine.numpy_backend.optimizers import NAMES  # noqa: E402
from engine.spec import HIDDEN_ACTIVATIONS, MLPSpec, to_targets  # noqa: E402
from engine.trainer import Trainer  # noqa: E402

DATA = make_dataset(DataSpec(name="spiral", noise=0.1, n_points=200))


def losses_per_step(backend: str, spec: MLPSpec, optimizer: str, lr: float, clip=None):
    """200 minibatch steps (batch 10, the trainer's seeded order); J after each step."""
    model = make_mlp(spec, backend=backend, seed=4)
    trainer = Trainer(
        model, DATA.X_train, DATA.y_train, DATA.X_test, DATA.y_test,
        optimizer=optimizer, lr=lr, batch_size=10, clip=clip, seed=5,
    )  # fmt: skip
    losses = []
    for _ in range(20):  # 20 epochs x 10 batches = 200 steps
        order = trainer.rng.permutation(len(trainer.y_train))
        X, Y = trainer.X_train[order], trainer.Y_train[order]
        for start in range(0, len(order), 10):
            model.backprop(X[start : start + 10], Y[start : start + 10])
            if clip is not None:
                model.clip(clip)
            trainer.optimizer.step(model.theta, model.dtheta)
            losses.append(model.loss(trainer.X_train, trainer.Y_train))
    return np.array(losses), model.get_theta()


@pytest.mark.parametrize("optimizer", NAMES)
@pytest.mark.parametrize("clip", [None, 0.5])
def test_200_steps_agree_for_every_optimizer(optimizer, clip):
    spec = MLPSpec(hidden=(6, 4), activation="tanh", reg="l2", lam=0.01)
    lr = 0.01 if optimizer == "adam" else 0.1
    np_losses, np_theta = losses_per_step("numpy", spec, optimizer, lr, clip)
    t_losses, t_theta = losses_per_step("torch", spec, optimizer, lr, clip)
    assert len(np_losses) == 200
    np.testing.assert_allclose(t_losses, np_losses, rtol=1e-9)
    np.testing.assert_allclose(t_theta, np_theta, rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize(
    ("output", "loss", "n_out"),
    [("sigmoid", "bce", 1), ("softmax", "cce", 3), ("linear", "mse", 1), ("tanh", "half_mse", 1)],
)
@pytest.mark.parametrize("reg", ["l1", "elasticnet"])
def test_gradients_agree(activation, output, loss, n_out, reg):
    spec = MLPSpec(
        hidden=(5,), n_out=n_out, activation=activation, output=output, loss=loss,
        reg=reg, lam=0.2,
    )  # fmt: skip
    rng = np.random.default_rng(0)
    X = rng.normal(size=(7, 2))
    y = rng.integers(0, n_out if n_out > 1 else 2, 7)
    Y = to_targets(y, spec)
    a, b = make_mlp(spec, "numpy", seed=2), make_mlp(spec, "torch", seed=2)
    Ja = a.loss_and_grads(X, Y)
    Jb = b.loss_and_grads(b.asarray(X), b.asarray(Y))
    assert Jb == pytest.approx(Ja, rel=1e-12)
    np.testing.assert_allclose(b.dtheta.numpy(), a.dtheta, rtol=1e-10, atol=1e-14)


def test_weights_copy_across_engines_by_name():
    spec = MLPSpec(hidden=(3, 3))
    a = make_mlp(spec, "numpy", seed=9)
    b = make_mlp(spec, "torch", params=a.get_params())
    X = DATA.X_test[:20]
    np.testing.assert_allclose(b.predict(X), a.predict(X), rtol=1e-12)
    assert {k: v.shape for k, v in b.get_params().items()} == {
        k: v.shape for k, v in a.get_params().items()
    }


@pytest.mark.cuda
def test_cuda_matches_cpu():
    spec = MLPSpec(hidden=(8, 8))
    cpu = make_mlp(spec, "torch", seed=1)
    gpu = make_mlp(spec, "torch", device="cuda", seed=1)
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(32, 2)), to_targets(rng.integers(0, 2, 32), spec)
    Jc = cpu.loss_and_grads(cpu.asarray(X), cpu.asarray(Y))
    Jg = gpu.loss_and_grads(gpu.asarray(X), gpu.asarray(Y))
    assert Jg == pytest.approx(Jc, rel=1e-10)
    np.testing.assert_allclose(gpu.dtheta.cpu().numpy(), cpu.dtheta.numpy(), rtol=1e-8)


def test_cuda_refused_without_a_gpu():
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    with pytest.raises(ValueError, match="cuda"):
        make_mlp(MLPSpec(), "torch", device="cuda")
