"""The trainer's 'stalled' stop (the loss jumped above its start, then froze); best_epoch(until)."""

import numpy as np
import pytest

from engine.backends import make_mlp
from engine.datasets import DataSpec, make_dataset
from engine.spec import MLPSpec
from engine.trainer import STALL_EPOCHS, Trainer


def trainer_for(activation: str, lr: float, seed: int = 0) -> Trainer:
    spec = MLPSpec(hidden=(4, 2), activation=activation, output="tanh", loss="half_mse")
    d = make_dataset(DataSpec(seed=seed))
    model = make_mlp(spec, seed=seed)
    return Trainer(model, d.X_train, d.y_train, d.X_test, d.y_test, lr=lr, seed=seed)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("seed", [0, 1])
def test_learning_rate_10_stalls_and_says_so(activation, seed):
    trainer = trainer_for(activation, lr=10.0, seed=seed)
    with np.errstate(over="ignore"):
        trainer.step(40)
    d = trainer.divergence
    assert d is not None and d.reason == "stalled"
    h = trainer.history
    assert d.epoch == h.epoch[-1] >= STALL_EPOCHS
    recent = h.train_loss[-STALL_EPOCHS - 1 :]
    assert min(recent) > h.train_loss[0]  # worse than the untrained network, and frozen
    assert np.all(np.isfinite(trainer.model.theta))
    trainer.step(3)  # a stopped run does not move
    assert trainer.epoch == d.epoch


@pytest.mark.parametrize("lr", [0.003, 0.03, 0.3])
def test_a_healthy_run_never_stalls(lr):
    trainer = trainer_for("tanh", lr=lr)
    trainer.step(150)
    assert trainer.divergence is None


def test_best_epoch_until_an_epoch():
    trainer = trainer_for("tanh", lr=0.3)
    trainer.step(40)
    losses = trainer.history.test_loss
    assert trainer.best_epoch() == int(np.argmin(losses))
    assert trainer.best_epoch(until=10) == int(np.argmin(losses[:11]))
    assert trainer.best_epoch(until=0) == 0
