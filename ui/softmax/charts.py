"""Vega-Lite charts of the softmax lab: pure functions from NumPy arrays and labels to chart specs.

Why Vega-Lite and not Plotly here: Streamlit 1.67 remounts a Plotly chart whenever its figure
changes, so a Plotly chart in a ticking fragment is rebuilt from nothing (blank in between) every
frame, while a Vega-Lite chart keeps its canvas and swaps its data in place. The data travel apart
from the spec, as named Arrow datasets. Maps over the plane are in ui/softmax/maps.py.
"""

import numpy as np
import pandas as pd

from ui import palette

INK = "#111111"
FONT = 15  # px: at least 14 on a 1280x720 projector, for the back row
CANVAS = {"embedOptions": {"renderer": "canvas", "actions": False}}
PAD = {"type": "pad"}  # width and height are the plot's; titles, axes and legends come on top
FIT_X = {"type": "fit-x", "contains": "padding"}  # as wide as the column
LEGEND = {"orient": "bottom", "title": None, "symbolStrokeWidth": 0, "symbolSize": 150,
          "labelFontSize": FONT}  # fmt: skip
# Every text a chart draws at FONT or more: Vega-Lite's own defaults are 10-11 px.
CONFIG = {
    "view": {"stroke": None},
    "axis": {"labelFontSize": FONT, "titleFontSize": FONT},
    "legend": {"labelFontSize": FONT, "titleFontSize": FONT},
    "header": {"labelFontSize": FONT, "titleFontSize": FONT},
    "title": {"fontSize": FONT + 2},
    "text": {"fontSize": FONT},
}


def chart(datasets: dict[str, pd.DataFrame], autosize: dict = PAD, **body) -> dict:
    """A Vega-Lite spec whose data are named datasets (Streamlit sends them apart, as Arrow)."""
    return {
        "datasets": datasets,
        "usermeta": CANVAS,
        "config": CONFIG,
        "autosize": autosize,
        **body,
    }


def class_scale(names: list[str]) -> dict:
    """The colour-blind-safe class colours, one per class name."""
    return {"domain": names, "range": palette.class_colors(len(names))}


def class_axis(names: list[str], title) -> dict:
    return {"field": "class", "type": "nominal", "sort": names, "title": title,
            "axis": {"labelAngle": 0}}  # fmt: skip


def score_bars(z, p, L, grad=None, true_class=None, width=150, stacked=False) -> dict:
    """Bars of the logits z, their softmax ŷ (and ∂L/∂z = ŷ − y); the true class outlined.

    Side by side, or `stacked` one under the other (a narrow column), each panel `width` wide."""
    K = len(z)
    names = [L["class_tick"].format(k=k) for k in range(K)]
    frame = pd.DataFrame({"class": names, "z": z, "p": p, "true": np.arange(K) == true_class})
    panels = [("z", L["logits"], ".3g", None), ("p", L["probabilities"], ".3f", [0, 1.1])]
    if grad is not None:
        frame["grad"] = grad
        panels.append(("grad", L["gradient"], ".3f", None))
    x = class_axis(names, L["class_axis"])
    height = 110 if stacked else 200
    views = [bar_panel(*panel, x, width, height) for panel in panels]
    return chart({"scores": frame}, **{"vconcat" if stacked else "hconcat": views})


def bar_panel(field, title: str, fmt: str, domain, x: dict, width: int, height: int) -> dict:
    """One panel of score_bars: a bar per class, its value written over (or under) it."""
    # the value labels sit past the bar ends: room for them inside the plot keeps titles level
    y = {"field": field, "type": "quantitative", "title": None,
         "scale": {"domain": domain} if domain else {"padding": 18}}  # fmt: skip
    outline = {"condition": {"test": "datum.true", "value": INK}, "value": None}
    color = {"field": "class", "scale": class_scale(x["sort"]), "legend": None}
    bars = {"mark": {"type": "bar", "strokeWidth": 3},
            "encoding": {"color": color, "stroke": outline}}  # fmt: skip
    offset = {"expr": f"datum['{field}'] < 0 ? 9 : -9"}  # under a negative bar, over a positive
    text = {"mark": {"type": "text", "fontSize": FONT, "dy": offset},
            "encoding": {"text": {"field": field, "format": fmt}}}  # fmt: skip
    return {"title": title, "width": width, "height": height, "data": {"name": "scores"},
            "encoding": {"x": x, "y": y}, "layer": [bars, text]}  # fmt: skip


def confusion(C: np.ndarray, L, title: str, size=240) -> dict:
    """Counts of true class (rows) × predicted class (columns), with the numbers written in."""
    K = len(C)
    names = np.array([L["class_short"].format(k=k) for k in range(K)])
    true, pred = np.indices((K, K))
    frame = pd.DataFrame({"true": names[true.ravel()], "pred": names[pred.ravel()], "n": C.ravel()})
    x = {"field": "pred", "type": "nominal", "sort": list(names), "title": L["predicted_class"],
         "axis": {"orient": "top", "labelAngle": 0}}  # fmt: skip
    y = {"field": "true", "type": "nominal", "sort": list(names), "title": L["true_class"]}
    shade = {"field": "n", "type": "quantitative", "scale": {"scheme": "blues"}, "legend": None}
    dark = f"datum.n > {max(int(C.max()), 1) / 2}"  # white numbers on the dark cells
    ink = {"condition": {"test": dark, "value": "white"}, "value": INK}
    layers = [
        {"mark": "rect", "encoding": {"color": shade}},
        {
            "mark": {"type": "text", "fontSize": FONT},
            "encoding": {"text": {"field": "n"}, "color": ink},
        },
    ]
    heading = {"text": title, "limit": 0, "anchor": "start"}  # wider than the matrix is fine
    return chart({"cells": frame}, FIT_X, title=heading, height=size, data={"name": "cells"},
                 encoding={"x": x, "y": y}, layer=layers)  # fmt: skip


def class_bars(values, L, title: str) -> dict:
    """One bar per class (per-class accuracy), in the class colours."""
    names = [L["class_short"].format(k=k) for k in range(len(values))]
    frame = pd.DataFrame({"class": names, "v": np.asarray(values, dtype=float)})
    bars = {
        "mark": "bar",
        "encoding": {"color": {"field": "class", "scale": class_scale(names), "legend": None}},
    }
    text = {
        "mark": {"type": "text", "dy": -9, "fontSize": FONT},
        "encoding": {"text": {"field": "v", "format": ".0%"}},
    }
    y = {"field": "v", "type": "quantitative", "title": None, "scale": {"domain": [0, 1.1]},
         "axis": {"format": ".0%"}}  # fmt: skip
    return chart({"bars": frame}, FIT_X, title=title, height=200,
                 data={"name": "bars"}, encoding={"x": class_axis(names, None), "y": y},
                 layer=[bars, text])  # fmt: skip


def loss_curve(epochs, train, test, L) -> dict:
    """Train and test J per epoch."""
    n = len(epochs)
    sets = [L["train"], L["test"]]
    frame = pd.DataFrame({"epoch": np.tile(epochs, 2), "J": np.concatenate([train, test]),
                          "set": np.repeat(sets, n)})  # fmt: skip
    color = {"field": "set", "scale": {"domain": sets, "range": palette.class_colors(2)},
             "legend": {"orient": "top", "title": None, "symbolType": "stroke"}}  # fmt: skip
    dash = {"field": "set", "scale": {"domain": sets, "range": [[1, 0], [6, 4]]}, "legend": None}
    last = float(epochs[-1]) if n else 0.0
    x = {
        "field": "epoch",
        "type": "quantitative",
        "title": L["epoch"],
        "scale": {"domain": [0, max(last, 1.0)]},
        "axis": {"format": "d", "tickMinStep": 1},
    }
    encoding = {"x": x, "y": {"field": "J", "type": "quantitative", "title": None},
                "color": color, "strokeDash": dash}  # fmt: skip
    mark = {"type": "line", "strokeWidth": 2.5, "point": n == 1}  # epoch 0 alone: two dots
    return chart({"loss": frame}, FIT_X, title=L["loss_title"], height=200, data={"name": "loss"},
                 mark=mark, encoding=encoding)  # fmt: skip


def temperature_curves(T_values, P, T_now, L) -> dict:
    """softmax(z/T)_k against T (log axis), the chosen T marked by a dotted rule."""
    n, K = P.shape
    names = [L["class_short"].format(k=k) for k in range(K)]
    frame = pd.DataFrame({"T": np.repeat(T_values, K), "p": P.ravel(), "class": names * n})
    scale = {"type": "log", "domain": [float(T_values[0]), float(T_values[-1])], "nice": False}
    x = {"field": "T", "type": "quantitative", "scale": scale, "title": L["temperature_axis"]}
    y = {"field": "p", "type": "quantitative", "scale": {"domain": [0, 1]},
         "title": L["probability_axis"]}  # fmt: skip
    legend = {"orient": "right", "title": L["class_axis"]}
    color = {"field": "class", "scale": class_scale(names), "legend": legend}
    curves = {"data": {"name": "curves"}, "mark": {"type": "line", "strokeWidth": 3},
              "encoding": {"x": x, "y": y, "color": color}}  # fmt: skip
    rule = {"data": {"name": "now"}, "mark": {"type": "rule", "strokeDash": [3, 3], "color": INK},
            "encoding": {"x": {"field": "T", "type": "quantitative"}}}  # fmt: skip
    datasets = {"curves": frame, "now": pd.DataFrame({"T": [T_now]})}
    return chart(datasets, FIT_X, title=L["temperature_title"], height=240, layer=[curves, rule])


def sigmoid_identity(z, s, p, L) -> dict:
    """σ(z) as a line and softmax([z, 0])_0 as crosses (at whole z) on top of it."""
    frame = pd.DataFrame({"z": z, "sigmoid": s, "softmax": p})
    x = {"field": "z", "type": "quantitative", "title": L["z_axis"]}
    blue, orange = palette.class_colors(2)
    line = {
        "mark": {"type": "line", "strokeWidth": 4, "color": blue},
        "encoding": {"x": x, "y": {"field": "sigmoid", "type": "quantitative", "title": None}},
    }
    crosses = {
        "transform": [{"filter": "datum.z % 1 == 0"}],
        "mark": {"type": "point", "shape": "cross", "size": 90, "filled": True, "color": orange},
        "encoding": {"x": x, "y": {"field": "softmax", "type": "quantitative"}},
    }
    return chart({"identity": frame}, FIT_X, title=L["identity_title"], height=220,
                 data={"name": "identity"}, layer=[line, crosses])  # fmt: skip
