"""The Playground page (app.py) in AppTest: every control changes the run's configuration and the
URL, Play/Pause/Step/Reset drive the run, links restore it, and trouble becomes a plain message.

run_every never fires in AppTest: each .run() after Play is one animation tick.
"""

import json
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from ui import links, text
from ui.playground import config as cf

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def at() -> AppTest:
    return open_app()


def config(at: AppTest) -> cf.PlaygroundConfig:
    return at.session_state["pg_config"]


def run_config(at: AppTest) -> cf.PlaygroundConfig:
    return at.session_state["pg_run"].config


def epoch(at: AppTest) -> int:
    """The epoch the canvases show last."""
    return int(latest(at)["stats"][0][1])


def latest(at: AppTest) -> dict:
    """The last picture the page sent."""
    return frame(at)["pictures"][-1]


def frame(at: AppTest) -> dict:
    """The data the page last sent to the canvases."""
    for element in walk(at._tree):
        proto = getattr(element, "proto", None)
        if getattr(proto, "component_name", "") == "neurona_playground_frame":
            return json.loads(proto.json)
    raise AssertionError("no frame was sent")


def walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from walk(child)


CONTROLS = [
    ("selectbox", "pg_dataset", "xor", "dataset", "xor"),
    ("slider", "pg_noise", 20, "noise", 0.2),
    ("slider", "pg_train", 70, "train_ratio", 0.7),
    ("slider", "pg_balance", 40, "balance", 0.4),
    ("select_slider", "pg_points", 1000, "n_points", 1000),
    ("number_input", "pg_seed", 7, "seed", 7),
    ("pills", "pg_features", ["x1", "x2", "x1sq"], "features", ("x1", "x2", "x1sq")),
    ("number_input", "pg_layers", 3, "hidden", (4, 2, 2)),
    ("number_input", "pg_width_0", 9, "hidden", (9, 2)),
    ("selectbox", "pg_activation", "relu", "activation", "relu"),
    ("selectbox", "pg_head", "sigmoid_bce", "head", "sigmoid_bce"),
    ("selectbox", "pg_init", "he", "init", "he"),
    ("selectbox", "pg_lr", "0.3", "lr", 0.3),
    ("selectbox", "pg_reg", "l2", "reg", "l2"),
    ("slider", "pg_batch", 25, "batch_size", 25),
    ("selectbox", "pg_optimizer", "adam", "optimizer", "adam"),
    ("radio", "pg_engine", "torch-cpu", "engine", "torch-cpu"),
]
VIEW_CONTROLS = [
    ("select_slider", "pg_speed", 50, "speed", 50),
    ("toggle", "pg_show_test", True, "show_test", True),
    ("toggle", "pg_discretize", True, "discretize", True),
]


@pytest.mark.parametrize(("kind", "key", "value", "field", "expected"), CONTROLS)
def test_each_control_changes_the_run(at, kind, key, value, field, expected):
    at.button(key="pg_step").click().run()
    assert epoch(at) == 1
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception
    assert getattr(config(at), field) == expected
    assert run_config(at) == config(at)  # the run was rebuilt from it ...
    assert epoch(at) == 0  # ... and starts again
    assert at.query_params[cf.FIELDS[field][0]] == cf.FIELDS[field][2](expected)


@pytest.mark.parametrize(("kind", "key", "value", "field", "expected"), VIEW_CONTROLS)
def test_view_controls_change_the_picture_not_the_run(at, kind, key, value, field, expected):
    at.button(key="pg_step").click().run()
    getattr(at, kind)(key=key).set_value(value).run()
    assert getattr(config(at), field) == expected
    assert epoch(at) == 1  # the same run goes on
    assert at.query_params[cf.FIELDS[field][0]] == cf.FIELDS[field][2](expected)


def test_view_controls_reach_the_canvas(at):
    assert frame(at)["points"]["test"] is None
    at.toggle(key="pg_show_test").set_value(True).run()
    assert frame(at)["points"]["test"] is not None


def test_multiclass_data_shows_the_class_count(at):
    at.selectbox(key="pg_dataset").set_value("blobs").run()
    assert config(at).head == "softmax_cce"
    at.slider(key="pg_classes").set_value(5).run()
    assert config(at).n_classes == 5
    assert at.session_state["pg_run"].model.spec.n_out == 5
    assert latest(at)["big"]["mode"] == "class"


def test_regularization_rate_and_typed_learning_rate(at):
    at.selectbox(key="pg_reg").set_value("l1").run()
    at.selectbox(key="pg_lam").set_value("0.01").run()
    assert (config(at).reg, config(at).lam) == ("l1", 0.01)

    # AppTest cannot type a new option (the browser test does); a link can carry one
    typed = open_app({"lr": "0.05"})
    assert config(typed).lr == 0.05 and typed.selectbox(key="pg_lr").value == "0.05"
    typed.selectbox(key="pg_lr").set_value("0.1").run()
    assert config(typed).lr == 0.1


def check_typed_learning_rate():
    """A page that types into the learning-rate box and lets its callback check the value."""
    import streamlit as st

    from ui.playground import config as cf
    from ui.playground.controls import CONFIG, check_typed_number

    st.session_state[CONFIG] = cf.DEFAULT
    st.session_state["pg_lr"] = st.query_params["typed"]
    check_typed_number("lr", "not a rate: {value}")
    st.write(st.session_state["pg_lr"])


@pytest.mark.parametrize(
    ("typed", "kept"), [("fast", "0.03"), ("1e9", "0.03"), ("nan", "0.03"), (" 0.5 ", "0.5")]
)
def test_a_typed_value_that_is_not_a_rate_is_refused(typed, kept):
    at = AppTest.from_function(check_typed_learning_rate)
    at.query_params["typed"] = typed
    at.run()
    assert at.markdown[0].value == kept
    assert len(at.toast) == (kept == "0.03")


def test_new_data_button_draws_new_points_and_weights(at):
    before = at.session_state["pg_run"].data.X_train
    at.button(key="pg_new_data").click().run()
    assert config(at).seed == 1
    assert (at.session_state["pg_run"].data.X_train != before).any()


def test_at_least_one_feature_stays(at):
    at.pills(key="pg_features").set_value([]).run()
    assert not at.exception
    assert config(at).features == ("x1", "x2")


def test_play_trains_each_tick_and_pause_stops():
    at = open_app({"speed": "1"})  # one epoch per picture, however slow the machine
    at.button(key="pg_play").click().run()
    assert at.session_state["pg_running"]
    first = epoch(at)
    assert first >= 1
    at.run()  # one tick of the animation: up to 3 pictures, each `speed` epochs after the last
    pictures = frame(at)["pictures"]
    assert 1 <= len(pictures) <= 3 and pictures[0]["epoch"] == first + 1
    assert [int(p["stats"][0][1]) for p in pictures] == [p["epoch"] for p in pictures]
    assert all(b["epoch"] - a["epoch"] == 1 for a, b in pairwise(pictures))
    at.button(key="pg_pause").click().run()
    paused = epoch(at)
    at.run()
    assert epoch(at) == paused and not at.session_state["pg_running"]


def test_step_and_reset(at):
    for _ in range(3):
        at.button(key="pg_step").click().run()
    assert epoch(at) == 3
    at.button(key="pg_reset").click().run()
    assert epoch(at) == 0
    assert not at.session_state["pg_running"]


def test_replay_slider_shows_an_earlier_epoch(at):
    for _ in range(4):
        at.button(key="pg_step").click().run()
    live = latest(at)
    at.select_slider(key="pg_replay_4").set_value(1).run()
    assert epoch(at) == 1
    replay = latest(at)
    assert replay["epoch"] == 1 and frame(at)["curves"]["mark"] == 1
    assert replay["big"]["z"] != live["big"]["z"]
    assert at.session_state["pg_run"].trainer.epoch == 4  # the run itself is untouched


def test_big_view_can_show_any_neuron(at):
    assert frame(at)["focus"] is None
    at.selectbox(key="pg_focus").set_value("1,2").run()
    assert frame(at)["focus"] == [1, 2]
    assert "neuron 3" in latest(at)["big"]["title"]


def test_a_shared_link_gives_the_same_run():
    query = cf.to_query(cf.PlaygroundConfig(lr=0.1, hidden=(5, 3), seed=4, activation="relu"))
    a, b = open_app(query), open_app(query)
    for app in (a, b):
        app.button(key="pg_step").click().run()
        app.button(key="pg_step").click().run()
    assert config(a) == config(b) == cf.from_query(query)[0]
    assert latest(a)["stats"] == latest(b)["stats"]  # same losses after 2 epochs
    assert a.session_state["pg_run"].trainer.history.test_loss == (
        b.session_state["pg_run"].trainer.history.test_loss
    )


def test_a_hostile_link_falls_back_to_defaults_with_a_notice():
    at = open_app({"lr": "nan", "layers": "1,2,3,4,5,6,7,8,9,10", "data": "<script>"})
    assert config(at).lr == cf.DEFAULT.lr and config(at).hidden == cf.DEFAULT.hidden
    assert len(at.warning) == 1 and "lr" in at.warning[0].value
    assert "lr" not in at.query_params and "layers" not in at.query_params  # rewritten clean


def test_divergence_pauses_with_a_plain_message():
    at = open_app({"lr": "10", "activation": "relu"})
    at.button(key="pg_play").click().run()
    for _ in range(10):
        if not at.session_state["pg_running"]:
            break
        at.run()
    assert not at.session_state["pg_running"]
    assert not at.exception
    assert "Lower the learning rate" in at.error[0].value
    assert at.button(key="pg_play").disabled


def test_real_divergence_keeps_the_last_finite_network():
    at = open_app({"data": "plane", "lr": "10", "activation": "relu", "layers": "8,8"})
    at.button(key="pg_play").click().run()
    for _ in range(10):
        if not at.session_state["pg_running"]:
            break
        at.run()
    assert "infinite" in at.error[0].value or "exploded" in at.error[0].value
    assert epoch(at) == at.session_state["pg_run"].trainer.epoch


def test_sessions_do_not_share_a_run():
    a, b = open_app(), open_app()
    a.button(key="pg_step").click().run()
    b.run()
    assert epoch(a) == 1 and epoch(b) == 0
    assert a.session_state["pg_run"] is not b.session_state["pg_run"]


PRESETS = text.load("playground", "en")["presets"]


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p["query"])
def test_a_preset_link_opens_its_scenario(preset: dict) -> None:
    expected, problems = cf.from_query(dict(parse_qsl(preset["query"], keep_blank_values=True)))
    assert not problems and expected != cf.DEFAULT
    at = open_app(dict(parse_qsl(preset["query"], keep_blank_values=True)))
    assert config(at) == expected.normalized()


def test_a_preset_applies_in_the_same_session() -> None:
    """A preset clicked after the student changed things: the lab reloads from the new URL."""
    at = open_app()
    at.sidebar.selectbox(key="pg_activation").set_value("relu").run()
    assert config(at).activation == "relu"
    preset = next(p for p in PRESETS if p["query"] == "init=zeros")
    at.query_params.clear()
    at.query_params.update({**dict(parse_qsl(preset["query"])), links.PRESET_URL: "1"})
    at.run()
    assert not at.exception
    assert config(at).init == "zeros" and config(at).activation == "tanh"
    at.sidebar.selectbox(key="pg_optimizer").set_value("adam").run()  # and the widgets follow
    assert config(at).init == "zeros" and config(at).optimizer == "adam"
