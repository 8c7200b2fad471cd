"""Figures of the sequence lab, built from small arrays without a server."""

import numpy as np
import pytest

from ui import text
from ui.sequences import figures

F = text.load("sequences")["fig"]


def lstm_gates(n_h=4, T=5, seed=0):
    rng = np.random.default_rng(seed)
    gates = {k: rng.random((n_h, T)) for k in ("f", "i", "o")}
    gates |= {k: np.tanh(rng.normal(size=(n_h, T))) for k in ("c_hat", "h")}
    gates["c"] = 3 * rng.normal(size=(n_h, T))
    return gates


@pytest.mark.parametrize("names", [("h",), ("r", "z", "h_tilde", "h"), tuple(lstm_gates())])
def test_gate_heatmaps_one_panel_per_gate_inside_the_figure(names):
    gates = {k: v for k, v in lstm_gates().items() if k in names} | {
        k: np.zeros((4, 5)) for k in names if k not in lstm_gates()
    }
    fig = figures.gate_heatmaps(gates, list("ab?ab"), F)
    assert len(fig.data) == len(names)
    for trace in fig.data:
        assert trace.z.shape == (4, 5) and trace.z.dtype == np.float32
    domains = [fig.layout[k].domain for k in fig.layout if k.startswith("yaxis") and fig.layout[k]]
    assert all(0 <= lo < hi <= 1 for lo, hi in domains)
    assert list(fig.layout.xaxis.ticktext) == list("ab?ab")  # repeated tokens keep their columns


def test_gate_colour_scales_fit_their_ranges():
    fig = figures.gate_heatmaps(lstm_gates(), list("abcde"), F)
    by_name = dict(zip(lstm_gates(), fig.data, strict=True))
    assert by_name["f"].coloraxis == "coloraxis" and fig.layout.coloraxis.cmax == 1
    assert by_name["h"].coloraxis == "coloraxis2" and fig.layout.coloraxis2.cmin == -1
    c_max = np.abs(lstm_gates()["c"]).max()
    assert fig.layout.coloraxis3.cmax == pytest.approx(c_max)
    assert fig.layout.coloraxis3.cmin == pytest.approx(-c_max)


def test_gate_heatmaps_cap_the_units_shown():
    fig = figures.gate_heatmaps({"h": np.zeros((40, 3))}, list("abc"), F, max_units=32)
    assert fig.data[0].z.shape == (32, 3)


def test_input_and_prediction_with_the_target_marked():
    probe = {
        "tokens": list("1M0?"),
        "X": np.eye(4)[[1, 2, 0, 3]],
        "out": np.array([[0.5, 0.5, 0.5, 0.9], [0.5, 0.5, 0.5, 0.1]]),
        "Y": np.array([0, 0, 0, 0]),
        "mask": np.array([0, 0, 0, 1.0]),
    }
    fig = figures.input_and_output(probe, ("0", "1", "M", "?"), ("0", "1"), F)
    one_hot, prediction, target = fig.data
    assert one_hot.z.dtype == np.uint8 and one_hot.z.shape == (4, 4)
    assert prediction.z.shape == (2, 4)
    assert list(target.x) == [3] and list(target.y) == ["0"]


def test_sine_shows_input_target_and_prediction():
    x = np.sin(np.arange(6.0))
    probe = {"tokens": [f"{v:.2f}" for v in x], "X": x[:, None], "out": x[None, :] * 0.9}
    fig = figures.input_and_output(probe, (), (), F)
    assert [t.name for t in fig.data] == [F["input_values"], F["target"], F["prediction"]]


def test_log_scale_values_are_not_rounded_away():
    profile = np.array([1e-2, 1e-5, 1e-9])
    fig = figures.grad_flow(profile, F, "RNN")
    assert (fig.data[0].y > 0).all()
    history = {"step": [1, 2], "loss": [0.5, 1e-5], "eval_step": [0, 2], "accuracy": [0.5, 1.0]}
    fig = figures.training_curves(history, "accuracy", F, marker_step=2)
    assert fig.data[0].y[-1] > 0 and fig.layout.yaxis.type == "log"
    assert [s.x0 for s in fig.layout.shapes] == [2, 2]


def test_comparison_figures():
    run = {
        "eval_step": [0, 25],
        "accuracy": [0.5, 1.0],
        "final": 1.0,
        "profile_init": np.geomspace(1e-2, 1e-8, 5),
        "profile_end": np.geomspace(1e-2, 1e-3, 5),
    }
    results = {name: {0.0: run, 1.0: run} for name in ("RNN", "LSTM", "GRU")}
    labels = {0.0: "no clipping", 1.0: "clipped"}
    assert len(figures.comparison_curves(results, F, labels).data) == 6
    fig = figures.gradient_profiles(results, F, labels)
    assert len(fig.data) == 9  # per model: at init, trained without and with clipping
    assert sum(bool(t.showlegend) for t in fig.data) == 3
    fig = figures.lag_sweep([2, 4], [1.0, 0.5], F)
    assert list(fig.data[0].y) == [1.0, 0.5]
