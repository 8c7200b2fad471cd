"""The torch GAN engine (engine/gan/torch_pair.py) against the NumPy one: the same spec and seed
train the same weights for 100 updates (1e-9), with either loss and either optimizer."""

from dataclasses import replace

import numpy as np
import pytest

pytest.importorskip("torch")

from engine.gan.trainer import Gan, GanSpec


def flat(gan: Gan) -> np.ndarray:
    G, D = gan.pair.params()
    return np.concatenate([a.ravel() for layer in [*G, *D] for a in layer])


@pytest.mark.parametrize("loss", ["log", "ls"])
@pytest.mark.parametrize("opt", ["sgd", "adam"])
def test_torch_trains_the_same_weights_as_numpy(loss: str, opt: str) -> None:
    spec = GanSpec(g_layers=(8, 8), d_layers=(8,), loss=loss, opt_g=opt, opt_d=opt,
                   lr_g=0.01, lr_d=0.03, k_d=2)  # fmt: skip
    numpy_run, torch_run = Gan(spec), Gan(replace(spec, backend="torch"))
    assert np.array_equal(flat(numpy_run), flat(torch_run))  # the same initial draw
    numpy_run.train(34)  # 34 epochs of 2 D updates and 1 G update: 102 updates
    torch_run.train(34)
    assert np.abs(flat(numpy_run) - flat(torch_run)).max() < 1e-9
    assert numpy_run.history["J_D"] == pytest.approx(torch_run.history["J_D"], abs=1e-9)
    assert numpy_run.history["J_G"] == pytest.approx(torch_run.history["J_G"], abs=1e-9)
    assert not np.array_equal(flat(numpy_run), flat(Gan(spec)))  # training moved the weights


@pytest.mark.parametrize("which", ["d", "g"])
def test_torch_one_network_steps_match_numpy(which: str) -> None:
    numpy_run, torch_run = Gan(GanSpec()), Gan(GanSpec(backend="torch"))
    numpy_run.train(5, which)
    torch_run.train(5, which)
    assert np.abs(flat(numpy_run) - flat(torch_run)).max() < 1e-12


@pytest.mark.skipif("not __import__('torch').cuda.is_available()", reason="needs a CUDA GPU")
def test_cuda_matches_numpy() -> None:
    numpy_run, cuda_run = Gan(GanSpec()), Gan(GanSpec(backend="torch", device="cuda"))
    numpy_run.train(30)
    cuda_run.train(30)
    assert np.abs(flat(numpy_run) - flat(cuda_run)).max() < 1e-9
