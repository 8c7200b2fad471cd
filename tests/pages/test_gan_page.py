"""AppTest of pages/6_GAN.py: every control and its URL key, the Play/Pause/Step buttons (run_every
never fires in AppTest: each .run() is one more frame of a running panel), bad input, the URL and
the presets."""

import re
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from engine.gan import trainer
from tests.pages import apptest
from ui import text
from ui.gan import config as cf
from ui.gan import state

PAGE = "../../pages/6_GAN.py"
T = text.load("gan", "en")
STATUS = re.compile(r"\*\*Epoch (\d+)\*\* · updates: D (\d+), G (\d+)")


def open_page(query: dict | None = None) -> AppTest:
    return apptest.open_page(PAGE, query)


def config(at: AppTest) -> cf.GanConfig:
    return apptest.config(at, state)


def counts(at: AppTest) -> tuple[int, int, int]:
    """(epoch, updates of D, updates of G) from the status line."""
    line = next(m.value for m in at.markdown if STATUS.match(m.value))
    return tuple(int(n) for n in STATUS.match(line).groups())


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_the_page_opens_with_the_plane_and_the_losses() -> None:
    at = open_page()
    assert counts(at) == (0, 0, 0) and not errors(at)
    assert len(at.get("plotly_chart")) == 2
    assert config(at) == cf.DEFAULT


def test_steps_of_d_g_and_an_epoch() -> None:
    at = open_page({"k_d": "2"})
    at.button(key="gan_step_d").click().run()
    assert counts(at) == (0, 1, 0)
    at.button(key="gan_step_g").click().run()
    assert counts(at) == (0, 1, 1)
    at.button(key="gan_step").click().run()
    assert counts(at) == (1, 3, 2)


def test_play_trains_speed_epochs_per_frame_and_pause_stops() -> None:
    at = open_page({"speed": "5"})
    at.button(key="gan_play").click().run()
    assert counts(at)[0] == 5
    at.run()  # the next frame
    assert counts(at)[0] == 10
    at.button(key="gan_pause").click().run()
    at.run()
    assert counts(at)[0] == 10
    at.button(key="gan_reset").click().run()
    assert counts(at) == (0, 0, 0)


CONTROLS = [  # (widget kind, key, value, config field, URL key, URL value)
    ("selectbox", "gan_data", "ring", "data", "data", "ring"),
    ("select_slider", "gan_speed", 20, "speed", "speed", "20"),
    ("pills", "gan_layers", ["real", "fake"], "layers", "show", "real,fake"),
    ("number_input", "gan_g_depth", 3, "g_depth", "g_layers", "3"),
    ("number_input", "gan_g_width", 40, "g_width", "g_neurons", "40"),
    ("segmented_control", "gan_opt_g", "adam", "opt_g", "opt_g", "adam"),
    ("select_slider", "gan_lr_g", 0.003, "lr_g", "lr_g", "0.003"),
    ("number_input", "gan_d_depth", 2, "d_depth", "d_layers", "2"),
    ("number_input", "gan_d_width", 5, "d_width", "d_neurons", "5"),
    ("segmented_control", "gan_opt_d", "adam", "opt_d", "opt_d", "adam"),
    ("select_slider", "gan_lr_d", 0.3, "lr_d", "lr_d", "0.3"),
    ("selectbox", "gan_noise", "uniform", "noise", "noise", "uniform"),
    ("selectbox", "gan_noise_dim", 1, "noise_dim", "noise_dim", "1"),
    ("number_input", "gan_k_d", 4, "k_d", "k_d", "4"),
    ("number_input", "gan_k_g", 3, "k_g", "k_g", "3"),
    ("selectbox", "gan_loss", "ls", "loss", "loss", "ls"),
    ("number_input", "gan_seed", 42, "seed", "seed", "42"),
]


@pytest.mark.parametrize("kind, key, value, field, url_key, url_value", CONTROLS,
                         ids=[c[1] for c in CONTROLS])  # fmt: skip
def test_each_control_sets_the_config_and_the_url(kind, key, value, field, url_key, url_value):
    at = open_page()
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception and not errors(at)
    expected = tuple(value) if isinstance(value, list) else value
    assert getattr(config(at), field) == expected
    assert at.query_params[url_key] == [url_value] or at.query_params[url_key] == url_value
    reopened = open_page({url_key: url_value})  # the link gives the same setting
    assert getattr(config(reopened), field) == expected


def test_a_changed_network_starts_a_new_paused_run() -> None:
    at = open_page()
    at.button(key="gan_step").click().run()
    assert counts(at)[0] == 1
    at.number_input(key="gan_d_width").set_value(12).run()
    assert counts(at) == (0, 0, 0)
    assert at.session_state["gan_run"].spec.d_layers == (12,)


def test_no_neurons_is_refused_and_the_last_width_kept() -> None:
    at = open_page()
    at.number_input(key="gan_g_width").set_value(0).run()
    assert any("at least one neuron" in e for e in errors(at))
    assert config(at).g_width == cf.DEFAULT.g_width


def test_k_d_and_k_g_both_zero_is_refused() -> None:
    at = open_page({"k_d": "2"})
    at.number_input(key="gan_k_g").set_value(0).run()
    at.number_input(key="gan_k_d").set_value(0).run()
    assert any("k_D = k_G = 0" in e for e in errors(at))
    assert (config(at).k_d, config(at).k_g) == (2, 0)


def test_a_blow_up_pauses_and_keeps_the_last_good_state(monkeypatch) -> None:
    at = open_page({"speed": "5"})
    at.button(key="gan_step").click().run()
    monkeypatch.setattr(trainer, "MAX_PARAM", 1e-3)  # every weight now counts as blown up
    at.button(key="gan_play").click().run()
    assert any("blew up" in e for e in errors(at))
    assert counts(at)[0] == 1  # the epoch before the frame that blew up
    assert at.button(key="gan_play")  # paused: Play is back


def test_a_malformed_link_is_named_and_replaced() -> None:
    at = open_page({"k_d": "99", "data": "spiral", "g_neurons": "7"})
    cfg = config(at)
    assert (cfg.k_d, cfg.data, cfg.g_width) == (cf.MAX_K, cf.DEFAULT.data, 7)
    assert any("k_d" in w.value and "data" in w.value for w in at.warning)


@pytest.mark.parametrize("preset", T["presets"], ids=lambda p: p["query"])
def test_a_preset_link_opens_its_scenario(preset: dict) -> None:
    query = dict(parse_qsl(preset["query"]))
    expected, problems = cf.from_query(query)
    assert not problems and expected != cf.DEFAULT
    at = open_page(query)
    assert config(at) == expected and not errors(at)


def test_the_page_reads_in_spanish() -> None:
    at = open_page({"lang": "es"})
    assert any(m.value.startswith("**Época 0**") for m in at.markdown)
    assert not errors(at)


def test_the_torch_engine_trains_the_same_run_as_numpy() -> None:
    pytest.importorskip("torch")
    numpy_page, torch_page = open_page({"speed": "5"}), open_page({"speed": "5"})
    torch_page.radio(key="gan_engine").set_value("torch-cpu").run()
    for at in (numpy_page, torch_page):
        at.button(key="gan_step").click().run()
    assert torch_page.session_state["gan_run"].spec.backend == "torch"
    line = [next(m.value for m in at.markdown if STATUS.match(m.value))
            for at in (numpy_page, torch_page)]  # fmt: skip
    assert line[0] == line[1] and not errors(torch_page)
