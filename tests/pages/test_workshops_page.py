"""AppTest of pages/7_Workshops.py: every control of the three tabs, the live runs (run_every never
fires in AppTest: each .run() is one more frame of a running panel), bad input, the URL and the
presets."""

import base64
import json
import re
from urllib.parse import parse_qsl

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from engine.workshops import data, linear, paths
from tests.pages import apptest
from ui import text
from ui.workshops import config as cf
from ui.workshops import state

PAGE = "../../pages/7_Workshops.py"
T = text.load("workshops", "en")


def open_page(query: dict | None = None) -> AppTest:
    return apptest.open_page(PAGE, query)


def config(at: AppTest) -> cf.WorkshopsConfig:
    return apptest.config(at, state)


def status(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Step"))


def step(at: AppTest) -> int:
    return int(re.match(r"\*\*Step (\d+)\*\*", status(at)).group(1))


def figure(at: AppTest, title: str) -> dict:
    """The Plotly figure whose title starts with `title`."""
    for element in at.get("plotly_chart"):
        fig = json.loads(element.proto.spec)
        if fig["layout"].get("title", {}).get("text", "").startswith(title):
            return fig
    raise AssertionError(f"no chart titled {title!r}")


def values(array) -> np.ndarray:
    """A figure's array as sent: a JSON list, or plotly's typed array {dtype, bdata, shape}."""
    if isinstance(array, dict):
        flat = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        return flat.reshape(array.get("shape", flat.shape))
    return np.asarray(array)


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.parametrize("tab", cf.TABS)
def test_each_tab_opens_from_the_url(tab: str) -> None:
    at = open_page({"tab": tab})
    assert not errors(at)
    assert at.tabs[cf.TABS.index(tab)].label == T["tabs"][tab]
    assert config(at).tab == tab
    assert len(at.get("plotly_chart")) >= 2


def test_house_step_play_pause_and_reset() -> None:
    at = open_page()
    assert step(at) == 0
    at.button(key="ws_house_step").click().run()
    assert step(at) == 1
    at.select_slider(key="ws_speed").set_value(5).run()
    at.button(key="ws_house_play").click().run()
    first = step(at)
    at.run()  # one more frame of the running panel
    assert step(at) == first + 5
    at.button(key="ws_house_pause").click().run()
    paused = step(at)
    at.run()
    assert step(at) == paused
    at.button(key="ws_house_reset").click().run()
    assert step(at) == 0


def test_standardized_descent_reaches_least_squares() -> None:
    at = open_page({"speed": "100"})
    at.button(key="ws_house_play").click().run()
    for _ in range(3):
        at.run()
    table = at.dataframe[0].value
    gap = table[T["house"]["gap"]].map(lambda v: float(v)).to_numpy()
    assert np.all(gap < 1e-6)
    line = figure(at, T["fig"]["line_title"])
    fitted = values(line["data"][2]["y"])
    exact = values(line["data"][1]["y"])
    np.testing.assert_allclose(fitted, exact, rtol=1e-6)


def test_unscaled_inputs_with_a_large_alpha_diverge_with_a_message() -> None:
    at = open_page()
    at.toggle(key="ws_scale").set_value(False).run()
    at.select_slider(key="ws_lr").set_value(0.01).run()
    at.button(key="ws_house_play").click().run()
    at.run()
    assert any("diverged" in w.value for w in at.warning)
    assert "ws_house_pause" not in [b.key for b in at.button]  # it stopped by itself
    assert config(at).scale is False and config(at).lr == 0.01


def test_more_features_show_predictions_and_a_plane() -> None:
    at = open_page()
    at.pills(key="ws_hf").set_value(["m2", "rooms", "age"]).run()
    assert config(at).house_features == ("m2", "rooms", "age")
    figure(at, T["fig"]["pred_title"])
    assert "\\text{rooms}" in at.latex[-1].value
    assert len(at.dataframe[0].value) == 4  # θ0 and three features


def test_no_feature_picked_keeps_the_last_ones_with_a_message() -> None:
    at = open_page()
    at.pills(key="ws_hf").set_value([]).run()
    assert not at.exception
    assert errors(at) == [T["no_feature"].format(kept="m²")]
    assert config(at).house_features == ("m2",)
    figure(at, T["fig"]["line_title"])  # the picture is still there


def test_paths_controls_change_the_problem() -> None:
    at = open_page({"tab": "paths"})
    at.slider(key="ws_r").set_value(0.5).run()
    at.text_input(key="ws_lam").set_value("3").run()
    at.pills(key="ws_pf").set_value(["m2", "rooms", "floor"]).run()
    cfg = config(at)
    assert (cfg.l1_ratio, cfg.lam, cfg.path_features) == (0.5, 3.0, ("m2", "rooms", "floor"))
    fig = figure(at, T["fig"]["paths_title"])
    names = [t["name"] for t in fig["data"] if t["mode"] == "lines"]
    assert names == ["m²", "rooms", "floor"]
    assert at.query_params["r"] == "0.5" and at.query_params["lam"] == "3.0"
    at.select_slider(key="ws_speed").set_value(20).run()
    at.button(key="ws_fit_step").click().run()
    assert step(at) == 1


def test_live_proximal_descent_lands_on_the_lasso_answer_with_exact_zeros() -> None:
    at = open_page({"tab": "paths", "lam": "2.0", "speed": "100"})
    at.button(key="ws_fit_play").click().run()
    for _ in range(4):
        at.run()
    assert "2 of 6 θ_j exactly 0" in status(at)
    bars = figure(at, T["fig"]["bars_title"])
    exact, descent = values(bars["data"][0]["y"]), values(bars["data"][1]["y"])
    np.testing.assert_allclose(descent, exact, rtol=1e-4)
    assert descent[4] == 0.0 and descent[5] == 0.0  # floor and month


@pytest.mark.parametrize("typed", ["-1", "abc", "1e9"])
def test_a_bad_lambda_keeps_the_last_one(typed: str) -> None:
    at = open_page({"tab": "paths", "lam": "0.5"})
    at.text_input(key="ws_lam").set_value(typed).run()
    assert not at.exception
    assert len(errors(at)) == 1 and "0.5" in errors(at)[0]
    assert config(at).lam == 0.5
    figure(at, T["fig"]["paths_title"])


def test_spanish_lambda_takes_a_decimal_comma() -> None:
    at = open_page({"tab": "paths", "lang": "es"})
    at.text_input(key="ws_lam").set_value("0,25").run()
    assert not errors(at) and config(at).lam == 0.25


def test_polynomial_data_and_degree() -> None:
    at = open_page({"tab": "paths", "data": "poly", "lam": "0.01"})
    figure(at, T["fig"]["poly_title"])
    at.slider(key="ws_degree").set_value(4).run()
    assert config(at).degree == 4 and config(at).path_data == "poly"
    fig = figure(at, T["fig"]["paths_title"])
    assert [t["name"] for t in fig["data"] if t["mode"] == "lines"] == ["x", "x²", "x³", "x⁴"]
    at.selectbox(key="ws_data").set_value("houses").run()
    assert config(at).path_data == "houses"


def test_ridge_never_zeros_a_coefficient() -> None:
    at = open_page({"tab": "paths", "r": "0.0", "lam": "20.0"})
    zero_from = at.dataframe[0].value[T["paths"]["zero_from"]]
    assert list(zero_from) == ["—"] * 6


def test_credit_threshold_and_features() -> None:
    at = open_page({"tab": "credit"})
    recall_at_half = at.metric[1].value
    at.slider(key="ws_threshold").set_value(0.2).run()
    assert config(at).threshold == 0.2
    assert float(at.metric[1].value.rstrip("%")) > float(recall_at_half.rstrip("%"))
    confusion = figure(at, T["credit"]["fig"]["confusion_title"])["data"][0]["text"]
    assert sum(int(v) for row in confusion for v in row) == 10_000
    at.pills(key="ws_cf").set_value(["income", "student"]).run()
    table = at.dataframe[0].value
    assert list(table[T["credit"]["term"]]) == [T["credit"]["intercept"], "income", "student"]
    assert list(table[T["credit"]["significant"]]) == [T["credit"]["yes"], T["credit"]["no"],
                                                       T["credit"]["yes"]]  # fmt: skip
    at.pills(key="ws_cf").set_value([]).run()
    assert errors(at) and config(at).credit_features == ("income", "student")


def test_a_threshold_outside_0_1_in_the_link_is_named_and_clamped() -> None:
    at = open_page({"tab": "credit", "threshold": "1.7", "lam": "-3", "hf": "m2,attic"})
    notice = at.warning[0].value
    assert "hf" in notice and "lam" in notice and "threshold" in notice
    cfg = config(at)
    assert (cfg.threshold, cfg.lam, cfg.house_features) == (1.0, 0.0, ("m2",))


def test_the_engine_picker_runs_torch() -> None:
    pytest.importorskip("torch")
    at = open_page()
    at.sidebar.radio(key="ws_engine").set_value("torch-cpu").run()
    at.button(key="ws_house_step").click().run()
    assert step(at) == 1 and not errors(at)


PRESETS = T["presets"]


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p["query"])
def test_a_preset_link_opens_its_scenario(preset: dict) -> None:
    query = dict(parse_qsl(preset["query"]))
    expected, problems = cf.from_query(query)
    assert not problems and expected != cf.DEFAULT
    at = open_page(query)
    assert config(at) == expected and not errors(at)
    assert at.tabs[cf.TABS.index(expected.tab)].label == T["tabs"][expected.tab]


def test_a_preset_applies_in_the_same_session() -> None:
    at = open_page({"tab": "paths"})
    at.slider(key="ws_r").set_value(0.3).run()
    at.query_params.clear()
    at.query_params.update({"tab": "credit", "threshold": "0.2", "preset": "1"})  # a preset link
    at.run()
    cfg = config(at)
    assert (cfg.tab, cfg.threshold, cfg.l1_ratio) == ("credit", 0.2, 1.0)


def test_lasso_path_figure_marks_where_features_drop() -> None:
    at = open_page({"tab": "paths"})
    fig = figure(at, T["fig"]["paths_title"])
    table = data.houses()
    Z = linear.fit_scaler(table.X).transform(table.X)
    expected = paths.path(Z, table.y, paths.lambda_grid(Z, table.y, 1.0), 1.0).zero_from()
    marks = [values(t["x"])[0] for t in fig["data"]
             if t.get("mode") == "markers" and t.get("showlegend") is False]  # fmt: skip
    np.testing.assert_allclose(sorted(marks), sorted(expected[expected < expected.max()]))
