"""AppTest of pages/3_Softmax.py: each tab with real interactions (run_every never fires in AppTest,
so each .run() is one more frame of a running panel)."""

import json
import re

import numpy as np
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from engine import softmax as sm
from ui import text

PAGE = "../../pages/3_Softmax.py"
T = text.load("softmax")
RUN_KEYS = ("softmax_lr", "softmax_pg", "softmax_mc", "softmax_ova")  # session keys of the runs
TIMEOUT = 60  # the first run imports torch for the engine picker


def open_tab(index: int) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    at.query_params["tab"] = list(T["tabs"])[index]
    at.run()
    assert not at.exception
    return at


def charts(at: AppTest) -> list[tuple[dict, dict]]:
    """Every Vega-Lite chart on the page: (spec, {dataset name: DataFrame})."""
    found = []
    for element in at.get("vega_lite_chart"):
        data = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas()
                for d in element.proto.datasets}  # fmt: skip
        found.append((json.loads(element.proto.spec), data))
    return found


def chart_with(at: AppTest, dataset: str) -> dict:
    """The datasets of the first chart that has the named dataset."""
    return next(data for _, data in charts(at) if dataset in data)


def status(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Epoch"))


def epoch(at: AppTest) -> int:
    return int(re.match(r"\*\*Epoch (\d+)\*\*", status(at)).group(1))


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.parametrize("index", range(4))
def test_every_tab_opens_alone(index):
    at = open_tab(index)
    assert not errors(at)
    assert at.tabs[index].label == list(T["tabs"].values())[index]
    assert len(at.get("expander")) >= 2  # the formulas and "Show the engine code"
    has_play = any(b.label == T["play"] for b in at.button)
    assert has_play == (index != 1)  # only the live sections have Play


def test_logistic_regression_trains_and_the_threshold_moves_the_metrics():
    at = open_tab(0)
    assert epoch(at) == 0
    at.button(key="softmax_lr_play").click().run()
    at.run()  # a second frame
    assert epoch(at) == 2 and not errors(at)
    points = chart_with(at, "points")["points"]
    train_loss = float(re.search(r"training points: \*\*([\d.]+)\*\*", status(at)).group(1))
    assert points["loss"].mean() == pytest.approx(train_loss, abs=6e-4)  # per-point log-loss
    at.button(key="softmax_lr_play").click().run()  # pause: the callback stops it before the frame
    at.run()
    assert epoch(at) == 2
    recall_at_half = [m.value for m in at.metric]
    cells = chart_with(at, "cells")["cells"]
    at.slider(key="softmax_lr_threshold").set_value(0.95).run()
    assert epoch(at) == 2  # moving the threshold does not train
    assert [m.value for m in at.metric] != recall_at_half
    moved = chart_with(at, "cells")["cells"]
    assert moved["n"].sum() == cells["n"].sum() and not moved["n"].equals(cells["n"])


def test_polynomial_features_close_the_boundary_into_a_circle():
    at = open_tab(0)
    at.selectbox(key="softmax_lr_data").set_value("circle").run()
    at.pills(key="softmax_lr_features").set_value(["x1", "x2", "x1^2", "x2^2"]).run()
    at.select_slider(key="softmax_lr_speed").set_value(10).run()
    at.button(key="softmax_lr_play").click().run()
    for _ in range(3):
        at.run()
    assert epoch(at) == 40
    assert "x_1^2" in at.latex[-1].value
    accuracy = next(m for m in at.metric if m.label == T["logistic"]["accuracy"])
    assert float(accuracy.value.rstrip("%")) > 85
    boundary = chart_with(at, "boundary")["boundary"]
    radii = np.hypot(boundary["x1"], boundary["x2"])
    assert len(radii) > 20 and radii.max() - radii.min() < 2.0  # a closed curve around the centre


def test_playground_editing_logits_changes_the_softmax():
    at = open_tab(1)
    scores = chart_with(at, "scores")["scores"]
    assert np.round(scores["p"], 3).tolist() == [0.836, 0.113, 0.051]
    at.text_input(key="softmax_pg_logits").set_value("−0.21, 0.47, 1.72").run()
    scores = chart_with(at, "scores")["scores"]
    assert np.round(scores["p"], 1).tolist() == [0.1, 0.2, 0.7]
    at.number_input(key="softmax_pg_T").set_value(2.0).run()
    np.testing.assert_allclose(chart_with(at, "scores")["scores"]["p"],
                               sm.tempered_softmax([-0.21, 0.47, 1.72], 2.0))  # fmt: skip
    at.button(key="softmax_pg_preset_1").click().run()
    assert at.text_input(key="softmax_pg_logits").value == "3.0, 2.9, 2.8"
    assert not errors(at) and not at.exception


def test_playground_shows_the_identity_and_why_the_shift():
    at = open_tab(1)
    assert f"{1 / (1 + np.exp(-1)):.15f}" in at.latex[-1].value
    at.button(key=f"softmax_pg_preset_{len(sm.LECTURE_SERIES) + 1}").click().run()  # ±1000
    assert at.text_input(key="softmax_pg_logits").value == "1000.0, 0.0, -1000.0"
    assert [w.value for w in at.warning] == [T["playground"]["stable_broken"]]
    assert chart_with(at, "scores")["scores"]["p"].tolist() == [1.0, 0.0, 0.0]


def test_playground_reads_spanish_scores_with_decimal_commas_and_semicolons():
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    at.query_params.update({"tab": list(T["tabs"])[1], "lang": "es"})
    at.run()
    assert at.text_input(key="softmax_pg_logits").value == "3,0; 1,0; 0,2"
    at.text_input(key="softmax_pg_logits").set_value("−0,21; 0,47; 1,72").run()
    assert np.round(chart_with(at, "scores")["scores"]["p"], 1).tolist() == [0.1, 0.2, 0.7]
    at.text_input(key="softmax_pg_logits").set_value("0.5; 1").run()  # a dot is refused, not read
    assert errors(at) and "0.5" in errors(at)[0] and not at.exception


@pytest.mark.parametrize(
    ("logits", "temperature", "message"),
    [
        ("", 1.0, "at least two scores"),
        ("3, one, 2", 1.0, "“one” is not a number"),
        ("1, 2, 3", 0.0, "temperature T must be a positive number"),
        ("1, 2, 3, 4, 5, 6, 7, 8", 1.0, "8 scores, but there are only 7"),
    ],
)
def test_playground_bad_input_is_a_message(logits, temperature, message):
    at = open_tab(1)
    at.text_input(key="softmax_pg_logits").set_value(logits)
    at.number_input(key="softmax_pg_T").set_value(temperature)
    at.run()
    assert not at.exception
    assert len(errors(at)) == 1 and message in errors(at)[0]


def test_multiclass_bars_of_the_chosen_point_follow_training():
    at = open_tab(2)
    at.number_input(key="softmax_mc_point").set_value(7).run()
    assert any(m.value.startswith("Point **7**") for m in at.markdown)
    before = chart_with(at, "scores")["scores"]
    at.button(key="softmax_mc_play").click().run()
    at.run()
    assert epoch(at) == 2
    after = chart_with(at, "scores")["scores"]
    assert not np.allclose(before["p"], after["p"])
    np.testing.assert_allclose(after["p"].sum(), 1)
    cells = chart_with(at, "cells")["cells"]
    assert cells["n"].sum() == 150  # every test point once
    at.button(key="softmax_mc_reset").click().run()
    assert epoch(at) == 0 and not errors(at)


def test_multiclass_with_six_classes_and_no_hidden_layer():
    at = open_tab(2)
    at.slider(key="softmax_mc_classes").set_value(6).run()
    at.selectbox(key="softmax_mc_hidden").set_value("none").run()
    at.button(key="softmax_mc_step").click().run()
    assert epoch(at) == 1 and not errors(at)
    predicted = set(chart_with(at, "grid")["grid"]["v"].to_numpy() // 101)  # v = 101·k + %
    assert len(predicted) > 1 and predicted <= set(range(6))
    assert set(chart_with(at, "scores")["scores"]["class"]) == {str(k) for k in range(6)}
    assert chart_with(at, "bars")["bars"]["v"].between(0, 1).all()


def test_one_vs_all_beside_softmax_regression():
    at = open_tab(3)
    at.button(key="softmax_ova_step").click().run()
    at.button(key="softmax_ova_step").click().run()
    assert epoch(at) == 2 and not errors(at)
    reading = next(m.value for m in at.markdown if "do not add up to 1" in m.value)
    low, high = map(float, re.findall(r"\*\*([\d.]+)\*\*", reading))
    assert low < high and (low < 0.95 or high > 1.05)
    sums = next(data["grid"]["s"] for _, data in charts(at) if "s" in data.get("grid", {}))
    assert (sums.min(), sums.max()) == pytest.approx((low, high), abs=0.006)


@pytest.mark.parametrize("index", [0, 2, 3])
def test_live_sections_train_on_the_torch_engine(index):
    pytest.importorskip("torch")
    at = open_tab(index)
    at.sidebar.radio[0].set_value("torch-cpu").run()
    next(b for b in at.button if b.label == T["step"]).click().run()
    assert epoch(at) == 1 and not errors(at) and not at.exception
    run = at.session_state[RUN_KEYS[index]]
    assert "torch_backend" in type(run.trainer.model).__module__
