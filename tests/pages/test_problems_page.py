"""AppTest of pages/8_Problems.py: every control of both tabs, the live runs (run_every never
fires in AppTest: each .run() is one more frame of a running panel), the early-stopping restore,
the bias/variance sweep, bad links, the presets and Spanish."""

import json
import re
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages import apptest
from ui import text
from ui.problems import config as cf
from ui.problems import imbalance, overfit, state

PAGE = "../../pages/8_Problems.py"
T = text.load("problems", "en")


def open_page(query: dict | None = None) -> AppTest:
    return apptest.open_page(PAGE, query)


def config(at: AppTest) -> cf.ProblemsConfig:
    return apptest.config(at, state)


def epoch(at: AppTest) -> int:
    status = next(m.value for m in at.markdown if m.value.startswith("**Epoch"))
    return int(re.match(r"\*\*Epoch (\d+)\*\*", status).group(1))


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def figures(at: AppTest) -> list[dict]:
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def query(at: AppTest) -> dict:
    return {k: v[0] if isinstance(v, list) else v for k, v in at.query_params.items()}


@pytest.mark.parametrize("tab", cf.TABS)
def test_each_tab_opens_from_the_url(tab: str) -> None:
    at = open_page({"tab": tab})
    assert not errors(at) and config(at).tab == tab
    assert at.tabs[cf.TABS.index(tab)].label == T["tabs"][tab]
    assert len(figures(at)) >= 2 and epoch(at) == 0


def test_imbalance_step_play_pause_reset() -> None:
    at = open_page()
    at.button(key="pb_imb_step").click().run()
    assert epoch(at) == 1
    at.select_slider(key="pb_ispeed").set_value(10).run()
    at.button(key="pb_imb_play").click().run()
    at.run()  # one more frame while playing
    assert epoch(at) >= 21 and config(at).imb_speed == 10 and query(at)["ispeed"] == "10"
    at.button(key="pb_imb_pause").click().run()
    paused = epoch(at)
    at.run()
    assert epoch(at) == paused
    at.button(key="pb_imb_reset").click().run()
    assert epoch(at) == 0 and not errors(at)


def test_imbalance_share_and_seed_rebuild_the_runs() -> None:
    at = open_page()
    at.button(key="pb_imb_step").click().run()
    at.slider(key="pb_share").set_value(1).run()
    assert config(at).share_pct == 1 and query(at)["share"] == "1" and epoch(at) == 0
    live = at.session_state[imbalance.KEY]
    assert live.split.y_train.sum() == 5  # 1 % of 1000 points, half of them for training
    assert any("**99.0%**" in m.value for m in at.markdown)  # the accuracy paradox at 1 %
    at.number_input(key="pb_seed").set_value(7).run()
    assert config(at).seed == 7 and query(at)["seed"] == "7"
    assert at.session_state[imbalance.KEY].config.seed == 7


def test_imbalance_shows_every_remedy_and_its_metrics() -> None:
    at = open_page({"share": "5"})
    at.select_slider(key="pb_ispeed").set_value(20).run()
    for _ in range(3):
        at.button(key="pb_imb_step").click().run()
    boundaries = figures(at)[0]
    titles = [a["text"] for a in boundaries["layout"]["annotations"]]
    assert titles[:5] == list(T["imbalance"]["remedies"].values())
    names = {t.get("name") for t in boundaries["data"]}
    assert {"dropped", "SMOTE synthetic", "minority (size: copies)"} <= names
    table = at.dataframe[0].value
    assert list(table.columns[1:]) == list(T["imbalance"]["remedies"].values())
    assert len(figures(at)) == 3  # boundaries, scores, confusion matrices


def test_overfit_controls_play_and_restore_early_stopping() -> None:
    at = open_page({"tab": "overfit"})
    at.slider(key="pb_n").set_value(40).run()
    at.select_slider(key="pb_width").set_value(16).run()
    at.select_slider(key="pb_lam").set_value(0.3).run()
    at.select_slider(key="pb_sigma").set_value(0.5).run()
    at.select_slider(key="pb_fspeed").set_value(20).run()
    cfg = config(at)
    assert (cfg.n_train, cfg.width, cfg.lam, cfg.sigma, cfg.fit_speed) == (40, 16, 0.3, 0.5, 20)
    assert {"n": "40", "width": "16", "lam": "0.3", "sigma": "0.5", "fspeed": "20"}.items() <= (
        query(at).items()
    )
    at.slider(key="pb_n").set_value(30).run()  # the overfitting preset's size and width
    at.select_slider(key="pb_width").set_value(32).run()
    at.button(key="pb_fit_play").click().run()
    for _ in range(5):
        at.run()
    at.button(key="pb_fit_pause").click().run()
    live = at.session_state[overfit.KEY]
    plain = live.runs[0]
    best = plain.best.epoch
    assert epoch(at) >= 80 and best < epoch(at)
    at.button(key="pb_restore").click().run()
    assert epoch(at) == best and plain.trainer.history.epoch[-1] == best
    assert at.button(key="pb_restore").disabled
    at.button(key="pb_fit_reset").click().run()
    assert epoch(at) == 0 and not errors(at)


def test_bias_variance_sweep_against_lambda() -> None:
    at = open_page({"tab": "overfit", "n": "20", "width": "8"})
    at.get("button_group")[0].set_value("lam").run()
    assert config(at).sweep == "lam" and query(at)["sweep"] == "lam"
    at.button(key="pb_sweep_run").click().run()
    bv = [
        f for f in figures(at) if f["layout"].get("title", {}).get("text") == T["fig"]["bv_title"]
    ]
    assert len(bv) == 1 and len(bv[0]["data"]) == 2 and not errors(at)


@pytest.mark.parametrize("bad", [{"share": "abc"}, {"width": "7"}, {"lam": "-1"}])
def test_a_bad_link_is_named_and_the_default_kept(bad: dict) -> None:
    at = open_page(bad)
    key = next(iter(bad))
    assert any(key in w.value for w in at.warning)
    assert config(at) == cf.DEFAULT and not errors(at)


def test_an_out_of_range_share_is_clamped() -> None:
    at = open_page({"share": "80"})
    assert config(at).share_pct == 50 and any("share" in w.value for w in at.warning)


@pytest.mark.parametrize("preset", T["presets"], ids=lambda p: p["query"])
def test_a_preset_link_opens_its_scenario(preset: dict) -> None:
    wanted = dict(parse_qsl(preset["query"]))
    expected, problems = cf.from_query(wanted)
    assert not problems and expected != cf.DEFAULT
    at = open_page(wanted)
    assert config(at) == expected and not errors(at)


def test_spanish_page() -> None:
    at = open_page({"lang": "es", "tab": "overfit"})
    es = text.load("problems", "es")
    assert at.tabs[1].label == es["tabs"]["overfit"]
    assert any(m.value.startswith("**Época 0**") for m in at.markdown) and not errors(at)


def test_presenter_mode_leaves_the_room_to_the_live_view() -> None:
    at = open_page({"present": "1"})
    shown = [m.value for m in at.markdown]
    assert not any(v.startswith("Two overlapping Gaussian") for v in shown)
    assert not at.info and epoch(at) == 0 and len(figures(at)) == 3
