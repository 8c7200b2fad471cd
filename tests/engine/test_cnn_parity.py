"""NumPy vs torch CNN: same weights, same Ŷ, J, dJ/dθ, feature maps and training steps."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
torch.set_num_threads(1)  # as the app's server does; the tests' batches are small

from engine import images  # noqa: E402
from engine.cnn_spec import CNNSpec  # noqa: E402
from engine.cnn_trainer import BatchTrainer, make_cnn  # noqa: E402
from engine.numpy_backend.optimizers import NAMES  # noqa: E402
from engine.spec import to_targets  # noqa: E402

SPECS = [
    CNNSpec(in_size=8, filters=(4,), k=3, pool="max", lam=0.5),
    CNNSpec(in_size=8, filters=(3, 5), k=3, pool="avg"),
    CNNSpec(in_size=9, filters=(2, 2), k=5, pool="max", lam=0.1),
]


def batch(spec: CNNSpec, m: int = 6):
    rng = np.random.default_rng(0)
    return rng.random((m, spec.in_size, spec.in_size)), to_targets(rng.integers(0, 10, m), spec)


@pytest.mark.parametrize("spec", SPECS, ids=["max-l2", "avg-2-blocks", "k5-odd-size"])
def test_loss_gradients_and_feature_maps_agree(spec):
    X, Y = batch(spec)
    np_model = make_cnn(spec, "numpy", seed=3, dtype=np.float64)
    t_model = make_cnn(spec, "torch", seed=3, dtype=np.float64)
    assert np.array_equal(np_model.get_theta(), t_model.get_theta())  # the same start
    J_np = np_model.loss_and_grads(X, Y)
    J_t = t_model.loss_and_grads(t_model.asarray(X), t_model.asarray(Y))
    assert J_t == pytest.approx(J_np, rel=1e-12)
    np.testing.assert_allclose(t_model.dtheta.numpy(), np_model.dtheta, rtol=1e-9, atol=1e-13)
    np.testing.assert_allclose(t_model.predict(X), np_model.predict(X), rtol=1e-10)
    np_maps, t_maps = np_model.feature_maps(X), t_model.feature_maps(X)
    assert np_maps.keys() == t_maps.keys()
    for name in np_maps:
        np.testing.assert_allclose(t_maps[name], np_maps[name], rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("optimizer", NAMES)
def test_training_steps_agree(optimizer):
    """Twenty minibatch steps of the trainer, same seed: the same θ in both engines (float64)."""
    data = images.load_digits()
    spec = CNNSpec(in_size=8, filters=(3, 4), lam=0.2)
    thetas = []
    for backend in ("numpy", "torch"):
        model = make_cnn(spec, backend, dtype=np.float64)
        trainer = BatchTrainer(model, data, optimizer=optimizer, lr=0.01)
        trainer.step(20)
        trainer.record()
        thetas.append(trainer.model.get_theta())
    np.testing.assert_allclose(thetas[1], thetas[0], rtol=1e-8, atol=1e-10)


def test_float32_training_stays_close():
    data = images.load_digits()
    spec = CNNSpec(in_size=8, filters=(8, 16))
    acc = []
    for backend in ("numpy", "torch"):
        trainer = BatchTrainer(make_cnn(spec, backend), data)
        trainer.run_epoch()
        trainer.record()
        acc.append(trainer.history["test_acc"][-1])
    assert abs(acc[0] - acc[1]) < 0.02


@pytest.mark.cuda
def test_cuda_matches_cpu():
    if not torch.cuda.is_available():
        pytest.skip("no CUDA GPU")
    spec = SPECS[1]
    X, Y = batch(spec)
    cpu = make_cnn(spec, "torch", "cpu", seed=1, dtype=np.float64)
    gpu = make_cnn(spec, "torch", "cuda", seed=1, dtype=np.float64)
    J_gpu = gpu.loss_and_grads(gpu.asarray(X), gpu.asarray(Y))
    assert J_gpu == pytest.approx(cpu.loss_and_grads(cpu.asarray(X), cpu.asarray(Y)), rel=1e-9)
    np.testing.assert_allclose(gpu.dtheta.cpu().numpy(), cpu.dtheta.numpy(), rtol=1e-7, atol=1e-12)
