"""The Problems lab's overfitting engine on its default preset (30 noisy moons, two layers of 32
tanh units, fixed seeds): the test loss turns up, early stopping keeps and restores the best
epoch, L2 closes most of the train-test gap; augmentation and the bias/variance sweep."""

import numpy as np
import pytest

from engine.problems import data, overfit

EPOCHS = 300


@pytest.fixture(scope="module")
def runs() -> dict[str, overfit.OverfitRun]:
    _, runs = overfit.build(overfit.OverfitSetup())
    overfit.train_all(runs, EPOCHS)
    return {r.remedy: r for r in runs}


def test_plain_run_overfits(runs) -> None:
    h = runs["none"].trainer.history
    assert h.train_loss[-1] < 0.5 * h.train_loss[len(h.epoch) // 3]  # training keeps falling
    assert h.test_loss[-1] > min(h.test_loss) + 0.1  # ... while the test loss turned up


def test_early_stopping_restores_a_lower_test_loss_than_the_last_epoch() -> None:
    setup = overfit.OverfitSetup()  # its own plain run: restoring cuts the run back
    plain = overfit.make_run(setup, "none", data.noisy_moons(setup.n_train, seed=setup.seed))
    overfit.train_all([plain], EPOCHS)
    trainer, best = plain.trainer, plain.best
    last = trainer.history.test_loss[-1]
    assert best.epoch == trainer.best_epoch() and best.loss == min(trainer.history.test_loss)
    assert 0 < best.epoch < EPOCHS
    overfit.restore_best(plain)
    test_loss = trainer.model.loss(trainer.X_test, trainer.Y_test)
    assert test_loss == pytest.approx(best.loss, rel=1e-12) and test_loss < last
    assert trainer.epoch == best.epoch and trainer.history.epoch[-1] == best.epoch


def test_l2_closes_at_least_half_the_train_test_gap(runs) -> None:
    plain_gap, l2_gap = overfit.gap(runs["none"].trainer), overfit.gap(runs["l2"].trainer)
    assert plain_gap > 0.2, plain_gap
    assert l2_gap <= 0.5 * plain_gap, (l2_gap, plain_gap)


def test_more_data_generalizes_better(runs) -> None:
    assert runs["more"].trainer.history.test_loss[-1] < runs["none"].trainer.history.test_loss[-1]
    assert len(runs["more"].trainer.y_train) == overfit.MORE_FACTOR * 30


def test_augment_adds_jittered_copies_with_the_same_labels() -> None:
    X = np.array([[0.0, 0.0], [1.0, 2.0]])
    y = np.array([0, 1])
    X_aug, y_aug = overfit.augment(X, y, copies=500, sigma=0.3, seed=0)
    assert X_aug.shape == (1002, 2) and np.array_equal(y_aug, np.tile(y, 501))
    assert np.array_equal(X_aug[:2], X)
    jitter = X_aug[2:].reshape(500, 2, 2) - X  # (copies, m, 2)
    assert jitter.std() == pytest.approx(0.3, rel=0.05) and abs(jitter.mean()) < 0.03


def test_sweep_gives_an_error_per_value() -> None:
    setup = overfit.OverfitSetup(n_train=20)
    values, train_err, test_err = overfit.sweep(setup, "lam", epochs=3)
    assert values == overfit.LAMS and train_err.shape == test_err.shape == (len(values),)
    assert np.all((train_err >= 0) & (train_err <= 1)) and np.all((test_err >= 0) & (test_err <= 1))
    assert overfit.sweep(setup, "width", epochs=1)[0] == overfit.WIDTHS


def test_noisy_moons_keep_one_test_set_for_every_size() -> None:
    small, big = data.noisy_moons(10, seed=1), data.noisy_moons(100, seed=1)
    assert np.array_equal(small.X_test, big.X_test) and len(big.y_train) == 100
