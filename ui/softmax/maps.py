"""Vega-Lite maps over the x₁-x₂ plane: probabilities on a grid of cells, with the data on top.

A map travels as a 50x50 grid of cells (uint8 row and column indices and one small number each,
~10 KB as Arrow); the browser turns the indices into coordinates. Cells are opaque and overlap a
little: abutting or semi-transparent rectangles show hairline seams once antialiased.
"""

import json

import numpy as np
import pandas as pd

from ui import palette
from ui.softmax.charts import FIT_X, FONT, INK, LEGEND, chart, class_scale

EXTENT = 6.0
PLANE = 380  # a map's height in pixels
MAP_BOX = 460  # a map's width with its axes and legend: a near-square plane, a panel beside it
PAIR_BOX = 380  # each of two maps side by side: both fit 1280x720 with the sidebar open
MAP_TINT = 0.65  # a class colour at full confidence, mixed with white so the points stand out
SEAM = 1.08  # each cell 8% wider than the grid step


def tint(hex_color: str, amount: float = MAP_TINT) -> str:
    """The colour mixed with white: amount 1 is the colour itself, 0 is white."""
    c = 255 - amount * (255 - palette.rgb(hex_color).astype(float))
    return "#{:02X}{:02X}{:02X}".format(*np.rint(c).astype(int))


def percent(P: np.ndarray) -> np.ndarray:
    """Probabilities as uint8 percentages: a quarter of the bytes of float32 on the wire."""
    return np.rint(np.clip(P, 0, 1) * 100).astype(np.uint8)


def plane(title: str, **extra) -> dict:
    """An x₁ or x₂ axis over the square [−6, 6]."""
    scale = {"domain": [-EXTENT, EXTENT], "nice": False, "zero": False}
    return {"type": "quantitative", "scale": scale, "title": title, **extra}


def grid_frame(axis: np.ndarray, **columns: np.ndarray) -> pd.DataFrame:
    """The cells of an (r, r) grid (rows i along x₂, columns j along x₁) and their values."""
    i, j = np.indices((len(axis), len(axis)), dtype=np.uint8)
    return pd.DataFrame(
        {"i": i.ravel(), "j": j.ravel()} | {k: v.ravel() for k, v in columns.items()}
    )


def cells(axis: np.ndarray, L: dict, axes: bool = True, **encoding) -> dict:
    """A layer of grid cells from the dataset 'grid', painted by `encoding` (fill, tooltip)."""
    step = float(axis[1] - axis[0])
    x0 = float(axis[0]) - step / 2
    transform = [
        {"calculate": f"{x0} + datum.j * {step}", "as": "x"},
        {"calculate": f"datum.x + {step * SEAM}", "as": "x_end"},
        {"calculate": f"{x0} + datum.i * {step}", "as": "y"},
        {"calculate": f"datum.y + {step * SEAM}", "as": "y_end"},
    ]
    x = plane(L["x1"]) if axes else plane("", axis=None)
    y = plane(L["x2"]) if axes else plane("", axis=None)
    position = {"x": {"field": "x", **x}, "x2": {"field": "x_end"},
                "y": {"field": "y", **y}, "y2": {"field": "y_end"}}  # fmt: skip
    return {"data": {"name": "grid"}, "transform": transform,
            "mark": {"type": "rect", "clip": True, "strokeWidth": 0},
            "encoding": position | encoding}  # fmt: skip


def class_fill(K: int, strength: float) -> dict:
    """Fill for a cell value v = 101·k + percent: white at 0 %, class k's colour at 100 %.

    One piecewise-linear scale serves every class, so the cells stay opaque."""
    domain, colors = [], []
    for k, color in enumerate(palette.class_colors(K)):
        domain += [101 * k, 101 * k + 100]
        colors += ["#FFFFFF", tint(color, strength)]
    scale = {"domain": domain, "range": colors, "interpolate": "rgb"}
    return {"field": "v", "type": "quantitative", "scale": scale, "legend": None}


def points(X, y, K: int, L, tooltip: list[dict], select: bool = False, **columns) -> tuple:
    """The points as (dataset, layer): colour and shape both tell the class; hover: tooltip.

    With select, clicking a point selects it in the selection 'pick' (by its index)."""
    names = L["class_names"][:K]
    xy = X.astype(np.float32)  # (m, 2): float32 halves the bytes and is plenty for a plot
    frame = pd.DataFrame(
        {"index": np.arange(len(y), dtype=np.uint16), "x1": xy[:, 0], "x2": xy[:, 1],
         "class": np.array(names)[y]} | columns
    )  # fmt: skip
    shape = {"field": "class", "scale": {"domain": names, "range": palette.class_shapes(K)}}
    encoding = {"x": {"field": "x1", **plane(L["x1"])}, "y": {"field": "x2", **plane(L["x2"])},
                "color": {"field": "class", "scale": class_scale(names), "legend": LEGEND},
                "shape": shape, "tooltip": tooltip}  # fmt: skip
    mark = {
        "type": "point",
        "filled": True,
        "size": 70,
        "opacity": 1,
        "stroke": "#FFFFFF",
        "strokeWidth": 0.8,
        "clip": True,
        "cursor": "pointer" if select else "default",
    }
    layer = {"data": {"name": "points"}, "mark": mark, "encoding": encoding}
    if select:
        layer["params"] = [{"name": "pick", "select": {"type": "point", "fields": ["index"]}}]
    return frame, layer


def marks(name: str, L: dict, **mark) -> dict:
    """A layer of plain marks at (x1, x2) from the named dataset."""
    xy = {"x": {"field": "x1", **plane(L["x1"])}, "y": {"field": "x2", **plane(L["x2"])}}
    return {"data": {"name": name}, "mark": mark, "encoding": xy}


def logistic_map(axis, H, X, y, boundary, threshold, columns: dict, L) -> dict:
    """h over the plane (white at the threshold), the boundary h = threshold, and the points,
    whose tooltip shows `columns` (log-odds, odds, h, log-loss)."""
    blue, orange = palette.class_colors(2)
    t = float(np.clip(threshold, 0.001, 0.999)) * 100
    scale = {"domain": [0, t, 100], "range": [tint(blue), "#FFFFFF", tint(orange)],
             "interpolate": "rgb"}  # fmt: skip
    legend = {"title": L["h_percent"], "orient": "right", "gradientLength": PLANE // 2}
    fill = {"field": "h", "type": "quantitative", "scale": scale, "legend": legend}
    tooltip = [{"field": "index", "title": L["point"]}] + [
        {"field": name, "title": L[f"tip_{name}"], "format": fmt}
        for name, fmt in (("logodds", ".3f"), ("odds", ".3g"), ("h", ".3f"), ("loss", ".3f"))
    ]
    frame, layer = points(X, y, 2, L, tooltip, **columns)
    line = marks("boundary", L, type="circle", size=8, color=INK, opacity=1, clip=True)
    datasets = {
        "grid": grid_frame(axis, h=percent(H)),
        "points": frame,
        "boundary": pd.DataFrame({"x1": boundary[:, 0], "x2": boundary[:, 1]}),
    }
    return chart(datasets, FIT_X, height=PLANE, title=L["logistic_map_title"],
                 layer=[cells(axis, L, fill=fill), line, layer])  # fmt: skip


def class_map(axis, P, X, y, floor, selected, L, title, select=False) -> dict:
    """Likeliest class as colour, confidence as intensity; the points; the selected point ringed.

    Confidence runs from `floor` (1/K: no idea) to 1: white to the class colour."""
    K = P.shape[-1]
    confidence = np.clip((P.max(axis=-1) - floor) / (1 - floor), 0, 1)  # (r, r)
    v = P.argmax(axis=-1).astype(np.uint16) * 101 + percent(confidence)  # (r, r)
    tooltip = [
        {"field": "index", "title": L["point"]},
        {"field": "class", "title": L["true_class"]},
    ]
    frame, layer = points(X, y, K, L, tooltip, select=select)
    layers = [cells(axis, L, fill=class_fill(K, MAP_TINT)), layer]
    datasets = {"grid": grid_frame(axis, v=v), "points": frame}
    if selected is not None:
        ring = {"type": "point", "shape": "circle", "size": 600, "filled": False, "color": INK,
                "strokeWidth": 3}  # fmt: skip
        layers.append(marks("ring", L, **ring))
        datasets["ring"] = pd.DataFrame({"x1": [X[selected, 0]], "x2": [X[selected, 1]]})
    return chart(datasets, FIT_X, height=PLANE, title=title, layer=layers)


def class_maps(axis, P, L, title_key="class_map_title", size=150, columns=4) -> dict:
    """One small map per class, white (0) to the class colour (1), `columns` to a row.

    Sent as one row per cell with a column per class (p0, p1, ...); the browser folds them into
    one row per cell and class, with v = 101·k + percent as in class_map."""
    K = P.shape[-1]
    Z = percent(P)  # (r, r, K)
    names = [f"p{k}" for k in range(K)]
    grid = grid_frame(axis, **{name: Z[:, :, k] for k, name in enumerate(names)})
    unit = cells(axis, L, axes=False, fill=class_fill(K, 1.0))
    del unit["data"]
    titles = json.dumps([L[title_key].format(k=k) for k in range(K)])
    header = {"title": None, "labelExpr": f"{titles}[datum.value]", "labelFontSize": FONT}
    facet = {"field": "k", "type": "ordinal", "header": header}
    unfold = [
        {"fold": names, "as": ["key", "p"]},
        {"calculate": "toNumber(substring(datum.key, 1))", "as": "k"},
        {"calculate": "101 * datum.k + datum.p", "as": "v"},
    ]
    return chart({"grid": grid}, data={"name": "grid"}, transform=unfold, facet=facet, spacing=10,
                 columns=columns,
                 spec={"width": size, "height": size, **unit})  # fmt: skip


def sum_map(axis, S, L) -> dict:
    """Σ_k h_k over the plane, white where it is 1 (where one-vs-all adds up like a softmax)."""
    reach = max(float(np.abs(S - 1).max()), 0.05)  # symmetric about 1, so white is at 1
    scale = {"scheme": "redblue", "domain": [1 - reach, 1 + reach]}
    fill = {"field": "s", "type": "quantitative", "title": L["sum_legend"], "scale": scale}
    tooltip = [{"field": "s", "title": L["sum_legend"], "format": ".2f"}]
    grid = grid_frame(axis, s=np.round(S, 2).astype(np.float32))
    return chart({"grid": grid}, FIT_X, title=L["sum_title"], height=PLANE,
                 layer=[cells(axis, L, fill=fill, tooltip=tooltip)])  # fmt: skip
