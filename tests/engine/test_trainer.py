"""The trainer: the peer's default run, replay snapshots, divergence, determinism, bad input."""

import numpy as np
import pytest

from engine.backends import make_mlp
from engine.datasets import DataSpec, make_dataset
from engine.spec import MLPSpec
from engine.trainer import Trainer

PEER = MLPSpec(hidden=(4, 2), activation="tanh", output="tanh", loss="half_mse")


def trainer_for(spec: MLPSpec, data: DataSpec | None = None, seed: int = 0, **kwargs) -> Trainer:
    d = make_dataset(data or DataSpec())
    model = make_mlp(spec, seed=seed)
    return Trainer(model, d.X_train, d.y_train, d.X_test, d.y_test, seed=seed, **kwargs)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_peer_default_reaches_test_loss_below_001_within_300_epochs(seed):
    """circle, [4, 2], tanh, α = 0.03, batch 10, 50% train: TensorFlow Playground's default."""
    trainer = trainer_for(PEER, DataSpec(seed=seed), seed=seed, lr=0.03, batch_size=10)
    trainer.step(300)
    assert min(trainer.history.test_loss) < 0.01
    assert trainer.history.test_score[-1] == 1.0


def test_history_snapshots_and_replay():
    trainer = trainer_for(PEER, snapshot_every=1, max_snapshots=8)
    first = trainer.model.get_params()
    trainer.step(20)
    h = trainer.history
    assert h.epoch == list(range(21)) and len(h.train_loss) == 21
    assert h.train_loss[-1] < h.train_loss[0]
    assert trainer.updates == 20 * 25
    # thinned to at most 8 snapshots, always keeping epoch 0
    assert len(trainer.snapshots) <= 8 and trainer.snapshots[0][0] == 0
    np.testing.assert_array_equal(trainer.params_at(0)["W1"], first["W1"])
    last_theta = trainer.snapshots[-1][1]
    np.testing.assert_array_equal(trainer.params_at(10_000)["W1"].ravel(), last_theta[:8])
    assert trainer.best_epoch() == h.epoch[int(np.argmin(h.test_loss))]


def test_same_configuration_same_run_bit_for_bit():
    a, b = trainer_for(PEER, seed=3), trainer_for(PEER, seed=3)
    a.step(15)
    b.step(15)
    assert a.history.test_loss == b.history.test_loss
    np.testing.assert_array_equal(a.model.theta, b.model.theta)


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_other_optimizers_learn(optimizer):
    trainer = trainer_for(PEER, optimizer=optimizer, lr=0.01)
    trainer.step(60)
    assert trainer.history.test_score[-1] > 0.95


def test_multiclass_softmax_learns():
    spec = MLPSpec(hidden=(8,), n_out=3, output="softmax", loss="cce")
    trainer = trainer_for(spec, DataSpec(name="blobs", n_classes=3), optimizer="adam", lr=0.03)
    trainer.step(30)
    assert trainer.history.test_score[-1] > 0.95


def test_regression_learns_the_plane():
    spec = MLPSpec(hidden=(4,), output="linear", loss="mse")
    trainer = trainer_for(spec, DataSpec(name="plane"), lr=0.01)
    trainer.step(50)
    assert trainer.history.test_score[-1] > 0.98  # R²


def test_divergence_stops_and_keeps_the_last_finite_weights():
    spec = MLPSpec(hidden=(8, 8), activation="relu", output="linear", loss="mse")
    trainer = trainer_for(spec, DataSpec(name="plane"), lr=10.0)
    trainer.step(50)
    assert trainer.divergence is not None
    assert trainer.divergence.reason in ("loss", "weights")
    assert np.all(np.isfinite(trainer.model.theta))
    np.testing.assert_array_equal(trainer.model.theta, trainer.last_good)
    epochs = trainer.epoch
    trainer.step(5)  # a diverged run does not move
    assert trainer.epoch == epochs and np.all(np.isfinite(trainer.history.train_loss))


def test_clipping_keeps_a_large_step_finite():
    spec = MLPSpec(hidden=(8, 8), activation="relu", output="linear", loss="mse")
    trainer = trainer_for(spec, DataSpec(name="plane"), lr=0.5, clip=0.1)
    trainer.step(20)
    assert trainer.divergence is None


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"lr": 0.0}, "learning rate"),
        ({"lr": 1e6}, "learning rate"),
        ({"lr": float("nan")}, "learning rate"),
        ({"batch_size": 0}, "batch_size"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"clip": -1.0}, "clip"),
    ],
)
def test_bad_training_settings(kwargs, word):
    with pytest.raises(ValueError, match=word):
        trainer_for(PEER, **kwargs)


def test_nan_in_data_is_refused():
    d = make_dataset(DataSpec())
    X = d.X_train.copy()
    X[3, 1] = np.nan
    with pytest.raises(ValueError, match="X_train"):
        Trainer(make_mlp(PEER), X, d.y_train, d.X_test, d.y_test)
