"""The softmax lab's palette, maps and charts: pure functions, checked on their data and specs."""

import json

import numpy as np
import pytest

from engine import softmax as sm
from engine.datasets import grid
from ui import palette, text
from ui.softmax import charts, maps

T = text.load("softmax")
L = T["fig"]


def without_data(spec: dict) -> dict:
    """The spec as Streamlit sends it: datasets travel apart, the rest must be plain JSON."""
    rest = {k: v for k, v in spec.items() if k != "datasets"}
    json.dumps(rest)
    return rest


def test_palette_is_okabe_ito_and_refuses_more_classes_than_colours():
    colors = palette.class_colors(7)
    assert len(set(colors)) == 7 and "#E69F00" in colors and "#56B4E9" in colors
    assert len(set(palette.class_shapes(7))) == 7
    with pytest.raises(ValueError, match="n_classes must be between 1 and 7"):
        palette.class_colors(8)
    assert palette.rgb("#0072B2").tolist() == [0, 114, 178]


def test_tint_mixes_with_white():
    assert maps.tint("#0072B2", 1.0) == "#0072B2"
    assert maps.tint("#0072B2", 0.0) == "#FFFFFF"
    assert maps.tint("#000000", 0.5) == "#808080"


def test_grid_rows_run_along_x2():
    axis, _ = grid(5)
    frame = maps.grid_frame(axis, v=np.arange(25).reshape(5, 5))
    assert frame.loc[(frame.i == 0) & (frame.j == 4), "v"].item() == 4  # bottom row, right end
    assert frame.loc[(frame.i == 4) & (frame.j == 0), "v"].item() == 20  # top row, left end


def test_class_map_encodes_class_and_confidence():
    axis = np.linspace(-6, 6, 3)
    P = np.zeros((3, 3, 3))
    P[..., 0] = 1.0  # sure of class 0 everywhere ...
    P[1, 1] = [0.2, 0.2, 0.6]  # ... but the centre leans to class 2
    X, y = np.array([[0.0, 1.0], [2.0, -1.0]]), np.array([2, 0])
    spec = maps.class_map(axis, P, X, y, 1 / 3, 1, L, "title", select=True)
    v = spec["datasets"]["grid"]["v"].to_numpy().reshape(3, 3)
    assert v[0, 0] == 100 and v[1, 1] == 2 * 101 + 40  # class 2 at (0.6 − 1/3)/(1 − 1/3) = 40 %
    assert spec["datasets"]["ring"].iloc[0].tolist() == [2.0, -1.0]
    points = spec["datasets"]["points"]
    assert points["class"].tolist() == [L["class_names"][2], L["class_names"][0]]
    layer = without_data(spec)["layer"][1]
    assert layer["params"][0]["name"] == "pick"
    unselectable = maps.class_map(axis, P, X, y, 1 / 3, None, L, "title")
    assert "params" not in unselectable["layer"][1] and "ring" not in unselectable["datasets"]


def test_class_fill_is_white_to_each_class_colour():
    fill = maps.class_fill(3, 1.0)
    assert fill["scale"]["domain"] == [0, 100, 101, 201, 202, 302]
    assert fill["scale"]["range"] == [
        "#FFFFFF",
        "#0072B2",
        "#FFFFFF",
        "#E69F00",
        "#FFFFFF",
        "#56B4E9",
    ]


def test_class_maps_one_column_per_class_folded_in_the_browser():
    axis = np.linspace(-6, 6, 4)
    P = np.random.default_rng(0).dirichlet(np.ones(3), size=(4, 4))  # (4, 4, 3)
    spec = maps.class_maps(axis, P, L)
    frame = spec["datasets"]["grid"]
    assert len(frame) == 4 * 4 and list(frame.columns) == ["i", "j", "p0", "p1", "p2"]
    row = frame[(frame.i == 2) & (frame.j == 1)]
    assert row["p2"].item() == round(P[2, 1, 2] * 100)
    assert spec["transform"][0] == {"fold": ["p0", "p1", "p2"], "as": ["key", "p"]}
    assert spec["spec"]["encoding"]["fill"] == maps.class_fill(3, 1.0)


def test_logistic_map_boundary_and_tooltips():
    axis, points = grid(30)
    H = 1 / (1 + np.exp(-points[:, 0])).reshape(30, 30)  # h = σ(x1): boundary x1 = logit(t)
    X, y = np.array([[1.0, 2.0], [-1.0, 0.0]]), np.array([1, 0])
    columns = {"logodds": np.array([1.0, -1.0]), "odds": np.exp([1.0, -1.0]),
               "h": np.array([0.73, 0.27]), "loss": np.array([0.31, 0.31])}  # fmt: skip
    labels = {**L, **T["logistic"]["fig"]}
    boundary = sm.level_crossings(axis, H, 0.7)
    spec = maps.logistic_map(axis, H, X, y, boundary, 0.7, columns, labels)
    np.testing.assert_allclose(spec["datasets"]["boundary"]["x1"], np.log(0.7 / 0.3), atol=0.01)
    layers = without_data(spec)["layer"]
    assert layers[0]["encoding"]["fill"]["scale"]["domain"] == [0, 70.0, 100]
    tooltip_fields = {t["field"] for t in layers[2]["encoding"]["tooltip"]}
    assert tooltip_fields <= set(spec["datasets"]["points"].columns)
    assert {"logodds", "odds", "h", "loss"} <= tooltip_fields


def test_score_bars_outline_the_true_class():
    z = np.array([3.0, 1.0, 0.2])
    p = sm.tempered_softmax(z)
    spec = charts.score_bars(z, p, L, grad=p - np.eye(3)[1], true_class=1)
    frame = spec["datasets"]["scores"]
    assert frame["true"].tolist() == [False, True, False]
    np.testing.assert_allclose(frame["grad"], p - [0, 1, 0])
    assert len(without_data(spec)["hconcat"]) == 3
    assert len(charts.score_bars(z, p, L)["hconcat"]) == 2


def test_confusion_chart_counts():
    C = np.array([[5, 1], [2, 7]])
    frame = charts.confusion(C, L, "t")["datasets"]["cells"]
    assert frame["n"].sum() == 15
    assert frame[(frame.true == "class 1") & (frame.pred == "class 0")]["n"].item() == 2


def test_sum_map_is_white_at_one():
    axis = np.linspace(-6, 6, 3)
    spec = maps.sum_map(axis, np.full((3, 3), 1.3), L)
    domain = spec["layer"][0]["encoding"]["fill"]["scale"]["domain"]
    assert np.mean(domain) == pytest.approx(1.0) and domain[1] == pytest.approx(1.3)


def test_temperature_and_identity_charts():
    T_values = np.array([0.1, 1.0, 10.0])
    P = sm.temperature_sweep(np.array([3.0, 1.0, 0.2]), T_values)
    spec = charts.temperature_curves(T_values, P, 2.0, L)
    assert spec["datasets"]["now"]["T"].tolist() == [2.0]
    assert len(spec["datasets"]["curves"]) == 9
    without_data(spec)
    z = np.linspace(-2, 2, 5)
    s, p = sm.sigmoid_as_softmax(z)
    frame = charts.sigmoid_identity(z, s, p, L)["datasets"]["identity"]
    np.testing.assert_allclose(frame["sigmoid"], frame["softmax"])
