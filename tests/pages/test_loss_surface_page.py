"""The loss-surface page in AppTest: each tab draws the engine's numbers and obeys its controls."""

import base64
import json
from types import SimpleNamespace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from engine import two_params as tp
from engine.backends import make_mlp
from engine.datasets import DataSpec, make_dataset
from engine.spec import MLPSpec
from engine.trainer import Trainer

PAGE = "../../pages/2_Loss_surface.py"
TIMEOUT = 90  # the machine is shared; a first run imports plotly and scipy


def page(tab: str | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    if tab is not None:
        at.session_state["ls_tab"] = tab
    return at.run()


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def array(value) -> np.ndarray:
    """A figure array as sent: a list, or plotly's typed array {dtype, bdata, shape}."""
    if isinstance(value, dict):
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = [int(n) for n in str(value.get("shape", flat.size)).split(",")]
        return flat.reshape(shape)
    return np.asarray(value)


def traces_of(fig: dict, kind: str) -> list[dict]:
    return [d for d in fig["data"] if d.get("type") == kind]


def no_problems(at: AppTest) -> None:
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


def test_exact_surface_is_the_engines_loss_and_reacts_to_its_controls():
    at = page()
    no_problems(at)
    fig = figures(at)[0]
    (hover,) = traces_of(fig, "heatmap")
    (surface,) = traces_of(fig, "surface")
    X, y = tp.make_data("line", 40, 0.5, 0)
    w_axis, b_axis = np.linspace(-2, 5, 60), np.linspace(-3, 5, 60)
    J = tp.surface(tp.spec_for("linear"), X, y, w_axis, b_axis)
    np.testing.assert_allclose(array(hover["z"]), J, rtol=1e-6)  # sent as float32
    np.testing.assert_allclose(array(surface["z"]), np.log10(J), rtol=1e-6)
    assert len(fig["frames"]) >= 2  # the path is animated
    assert any("Minimum in view" in c.value for c in at.caption)

    at.sidebar.radio(key="ls_reg").set_value("l1").run()  # λ jumps to 10 with the L1 term
    no_problems(at)
    assert at.sidebar.select_slider(key="ls_lam").value == 10.0
    assert any("pulls it to" in c.value for c in at.caption)

    at.number_input(key="ls_lr1_line_linear").set_value(50.0).run()
    assert not at.exception
    assert any("diverged at step" in e.value for e in at.error)


def test_logistic_data_without_lambda_has_no_minimum_in_view():
    at = page()
    at.sidebar.radio(key="ls_model").set_value("logistic").run()
    at.sidebar.selectbox(key="ls_data").set_value("separable").run()
    no_problems(at)
    assert any("no minimum inside the view" in i.value for i in at.info)
    assert at.sidebar.number_input(key="ls_w0").value == tp.DATASETS["separable"].start[0]


def test_learning_rates_side_by_side_say_what_each_path_does():
    at = page("Learning rates")
    no_problems(at)
    titles = [a["text"] for a in figures(at)[0]["layout"]["annotations"]]
    assert len(titles) == 4
    assert "goes smoothly" in titles[1] and "zigzags" in titles[2] and "leaves" in titles[3]
    at.number_input(key="ls_rate_too_large").set_value(0.001).run()
    titles = [a["text"] for a in figures(at)[0]["layout"]["annotations"]]
    assert titles[3].startswith("α = 0.001: goes smoothly")


def test_optimizers_share_one_surface():
    at = page("Optimizers")
    no_problems(at)
    names = {d.get("name") for d in traces_of(figures(at)[0], "scatter")}
    assert {"Gradient descent", "Momentum", "Adam"} <= names
    at.slider(key="ls_batch_40").set_value(4).run()  # stochastic steps
    no_problems(at)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_network_slice_centre_is_the_trainers_loss_and_training_moves_it():
    at = page("A network's surface")
    no_problems(at)
    assert metric(at, "Epoch") == "100"
    assert metric(at, "Slice at its centre f(0, 0)") == metric(at, "Trainer's J at θ*")
    explained = float(metric(at, "Path explained by the plane").rstrip("%"))
    assert 50 < explained <= 100  # PCA directions hold most of the path
    at.button(key="ls_train").click().run()  # Train 50 epochs
    assert metric(at, "Epoch") == "150"
    at.button(key="ls_play").click().run()  # live: each run of the fragment trains 2 epochs
    at.run()
    assert int(metric(at, "Epoch")) > 150
    assert at.button(key="ls_play").label == "❚❚ Pause"
    at.button(key="ls_play").click().run()
    paused = metric(at, "Epoch")
    at.run()
    assert metric(at, "Epoch") == paused
    at.button(key="ls_reset").click().run()
    assert metric(at, "Epoch") == "100"


def test_random_directions_and_bad_layers():
    at = page("A network's surface")
    at.sidebar.radio(key="ls_dirs").set_value("random").run()
    no_problems(at)
    assert float(metric(at, "Path explained by the plane").rstrip("%")) < 90
    at.sidebar.text_input(key="ls_hidden").set_value("4, x").run()
    assert any("Hidden layers" in e.value for e in at.error)


@pytest.fixture
def playground_trainer() -> Trainer:
    data = make_dataset(DataSpec("xor", n_points=200, seed=1))
    spec = MLPSpec(n_in=2, hidden=(3,), output="tanh", loss="half_mse")
    trainer = Trainer(make_mlp(spec), data.X_train, data.y_train, data.X_test, data.y_test)
    trainer.step(7)
    return trainer


def test_the_playgrounds_network_can_be_sliced_read_only(playground_trainer):
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    at.session_state["ls_tab"] = "A network's surface"
    at.session_state["playground_run"] = SimpleNamespace(trainer=playground_trainer, config={})
    at.run()
    at.sidebar.radio(key="ls_source").set_value("playground").run()
    no_problems(at)
    assert any("read-only" in i.value for i in at.info)
    assert metric(at, "Epoch") == "7"
    assert not any("Train" in b.label for b in at.button)  # neither "Train 50" nor "Train live"
    assert playground_trainer.epoch == 7
