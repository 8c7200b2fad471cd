"""SeqTrainer: reproducible runs, learning, probes, the BPTT gradient profile, bad settings."""

from dataclasses import replace

import numpy as np
import pytest

from engine.seq_trainer import (
    MAX_BATCH,
    MAX_SNAPSHOTS,
    SeqConfig,
    SeqTrainer,
    compare_lag,
    train,
)

SMALL = SeqConfig(task="remember", length=3, n_h=8, batch=32, lr=0.03)


def test_same_config_same_run_bit_for_bit():
    a, b = SeqTrainer(SMALL), SeqTrainer(SMALL)
    a.step(7)
    b.step(7)
    assert a.history == b.history
    np.testing.assert_array_equal(a.snapshots[-1][1], b.snapshots[-1][1])
    c = SeqTrainer(replace(SMALL, seed=1))
    c.step(7)
    assert c.history["loss"] != a.history["loss"]


def test_lstm_learns_a_short_lag():
    trainer = train(SMALL, steps=400)
    assert trainer.accuracy > 0.95
    assert trainer.history["loss"][-1] < 0.2 * trainer.history["loss"][0]


def test_probe_shows_every_gate_over_time():
    trainer = SeqTrainer(SMALL)
    ids = trainer.task.encode("1M01?")
    probe = trainer.probe(ids)
    assert probe["tokens"] == list("1M01?")
    assert set(probe["gates"]) == {"f", "i", "o", "c_hat", "c", "h"}
    for name, A in probe["gates"].items():
        assert A.shape == (8, 5), name  # rows units, columns time steps
    assert ((probe["gates"]["f"] > 0) & (probe["gates"]["f"] < 1)).all()
    assert probe["out"].shape == (2, 5)
    np.testing.assert_allclose(probe["out"].sum(axis=0), 1)
    assert probe["Y"][-1] == 0 and probe["mask"][-1] == 1  # the bit after M is 0


def test_timeline_replays_an_earlier_snapshot():
    trainer = SeqTrainer(SMALL)
    for _ in range(3):
        trainer.step(20)
    ids = trainer.example(0)
    first, last = trainer.probe(ids, 0), trainer.probe(ids, -1)
    assert not np.allclose(first["gates"]["i"], last["gates"]["i"])
    np.testing.assert_allclose(trainer.probe(ids, 0)["gates"]["i"], first["gates"]["i"])
    assert [s for s, _ in trainer.snapshots] == [0, 20, 40, 60]


def test_snapshots_are_thinned_not_dropped():
    trainer = SeqTrainer(replace(SMALL, model="RNN", n_h=2))
    for _ in range(MAX_SNAPSHOTS + 10):
        trainer.step(1)
    steps = [s for s, _ in trainer.snapshots]
    assert len(steps) <= MAX_SNAPSHOTS
    assert steps[0] == 0 and steps[-1] == MAX_SNAPSHOTS + 10


def test_plain_rnn_gradient_vanishes_faster_than_the_lstm_memory():
    lag = 20
    profiles = {
        name: SeqTrainer(replace(SMALL, length=lag, model=name, n_h=16)).grad_profile()
        for name in ("RNN", "LSTM")
    }
    rnn, lstm = profiles["RNN"], profiles["LSTM"]
    assert len(rnn) == lag + 7
    assert rnn[lag] / rnn[0] < 1e-3  # BPTT: one factor diag(1 − h²)·Wᵀ per step back
    assert lstm[lag] / lstm[0] > 100 * rnn[lag] / rnn[0]


def test_torch_backend_trains_the_same_run():
    pytest.importorskip("torch")
    a, b = SeqTrainer(SMALL), SeqTrainer(replace(SMALL, backend="torch"))
    a.step(5)
    b.step(5)
    np.testing.assert_allclose(a.history["loss"], b.history["loss"], rtol=1e-4)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"batch": MAX_BATCH + 1}, "batch size"),
        ({"clip": -1.0}, "clipping"),
        ({"n_h": 1000}, "hidden size"),
        ({"length": 500}, "at most"),
        ({"model": "Transformer"}, "model must be"),
        ({"lr": 0.0}, "learning rate"),
        ({"optimizer": "lbfgs"}, "optimizer"),
        ({"backend": "jax"}, "backend"),
    ],
)
def test_bad_settings_are_clear_errors(change, match):
    with pytest.raises(ValueError, match=match):
        SeqTrainer(replace(SMALL, **change))


def test_lag_20_lstm_learns_and_the_plain_rnn_stays_at_chance():
    """The page's headline comparison, with the page's default settings and seed."""
    results = compare_lag(replace(SeqConfig(), length=20), 1500, ("RNN", "LSTM"), (1.0,))
    assert results["LSTM"][1.0]["final"] > 0.95
    assert results["RNN"][1.0]["final"] < 0.6
    assert results["RNN"][1.0]["eval_step"][-1] == 1500  # it had every step and never got there


def test_a_blown_up_run_stops_and_keeps_its_last_finite_snapshot():
    trainer = SeqTrainer(SMALL)
    trainer.step(3)
    trainer.model.theta[:] = np.inf  # what exploding gradients end in
    trainer.step(5)
    assert trainer.diverged
    assert trainer.steps == 4  # stopped at the first non-finite loss
    assert [s for s, _ in trainer.snapshots] == [0, 3]
    assert np.isfinite(trainer.probe(trainer.example(0))["gates"]["h"]).all()


def test_a_time_budget_cuts_a_frame_short():
    trainer = SeqTrainer(replace(SMALL, model="RNN", n_h=2))
    trainer.step(1000, max_seconds=0.0)  # at least one step, then the budget is spent
    assert trainer.steps == 1
    assert [s for s, _ in trainer.snapshots] == [0, 1]


def test_a_pause_cuts_a_frame_short():
    trainer = SeqTrainer(replace(SMALL, model="RNN", n_h=2))
    asked = []
    trainer.step(1000, stop=lambda: asked.append(1) or len(asked) >= 3)  # paused after 3 steps
    assert trainer.steps == 3
    assert [s for s, _ in trainer.snapshots] == [0, 3]  # the paused state is kept for the timeline
