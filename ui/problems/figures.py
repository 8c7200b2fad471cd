"""The Problems lab's pictures, pure functions of NumPy arrays: decision boundaries side by side
(the network's p(class 1) over the plane, the training points on top), confusion matrices, loss
curves with the early-stopping epoch, and the bias/variance sweep."""

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from engine.datasets import grid
from ui import palette
from ui.softmax.maps import tint

EXTENT = 6.0
RES = 50  # the boundary's grid: RES x RES cells over [−6, 6]²
COLS = 3
PANEL_PX = 250  # the height of one row of panels
GREY = "#7F7F7F"
MAJORITY, MINORITY = palette.class_colors(2)


@dataclass(frozen=True)
class Points:
    """One layer of points in a panel: positions (m, 2) and how they are drawn."""

    X: np.ndarray
    name: str
    color: str
    symbol: str = "circle"
    size: float | np.ndarray = 5.0
    opacity: float = 0.8


def class_points(X: np.ndarray, y: np.ndarray, names: list[str]) -> list[Points]:
    """The two classes of a training set: class 0 circles, class 1 crosses (palette order)."""
    return [
        Points(X[y == 0], names[0], MAJORITY, "circle", 5, 0.55),
        Points(X[y == 1], names[1], MINORITY, "x", 8, 0.95),
    ]


def probability_scale() -> list:
    """p(class 1): class 0's colour at 0, white at the boundary (0.5), class 1's colour at 1."""
    return [[0, tint(MAJORITY, 0.55)], [0.5, "#FFFFFF"], [1, tint(MINORITY, 0.55)]]


def boundaries(
    titles: list[str], maps: list[np.ndarray | None], layers: list[list[Points]]
) -> go.Figure:
    """One panel per map (p(class 1) on the RES x RES grid; None: the points alone), three to a
    row, with its points; the decision boundary (p = 0.5) is where the two tints meet (white)."""
    rows = -(-len(maps) // COLS)
    fig = make_subplots(
        rows=rows, cols=COLS, subplot_titles=titles, horizontal_spacing=0.04, vertical_spacing=0.1
    )
    axis = np.linspace(-EXTENT, EXTENT, RES)
    seen = set()
    for k, (P, points) in enumerate(zip(maps, layers, strict=True)):
        row, col = k // COLS + 1, k % COLS + 1
        if P is None:
            P = np.full((RES, RES), 0.5)  # white: no network in this panel
        fig.add_trace(
            go.Heatmap(
                z=P.astype(np.float32),
                x=axis,
                y=axis,
                zmin=0,
                zmax=1,
                colorscale=probability_scale(),
                showscale=False,
                hoverinfo="skip",
            ),
            row=row,
            col=col,
        )
        for p in points:
            fig.add_trace(scatter(p, p.name not in seen), row=row, col=col)
            seen.add(p.name)
    square_axes(fig)
    fig.update_layout(
        height=PANEL_PX * rows + 90,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", y=-0.02, yanchor="top"),
    )
    return fig


def scatter(p: Points, legend: bool) -> go.Scatter:
    marker = dict(color=p.color, symbol=p.symbol, size=p.size, opacity=p.opacity, line_width=0)
    return go.Scatter(
        x=p.X[:, 0],
        y=p.X[:, 1],
        mode="markers",
        name=p.name,
        legendgroup=p.name,
        showlegend=legend,
        marker=marker,
        hoverinfo="skip",
    )


def square_axes(fig: go.Figure) -> None:
    """Every panel shows [−6, 6]² without ticks (the plane is the same in every panel)."""
    fig.update_xaxes(range=[-EXTENT, EXTENT], showticklabels=False, showgrid=False, zeroline=False)
    fig.update_yaxes(range=[-EXTENT, EXTENT], showticklabels=False, showgrid=False, zeroline=False)


def scores(
    remedies: list[str], values: dict[str, list[float]], L: dict, baseline: float
) -> go.Figure:
    """Grouped bars (accuracy, minority recall, F1 per remedy), and the always-majority accuracy
    as a dashed line: the accuracy paradox."""
    colors = dict(zip(values, ("#999999", MINORITY, "#009E73"), strict=False))
    fig = go.Figure(
        [
            go.Bar(x=remedies, y=ys, name=L["scores"][key], marker_color=colors[key])
            for key, ys in values.items()
        ]
    )
    fig.add_hline(y=baseline, line_dash="dash", line_color=GREY)
    fig.add_annotation(
        x=1,
        xref="paper",
        y=baseline,
        yanchor="bottom",
        xanchor="right",
        text=L["always_majority"],
        showarrow=False,
    )
    fig.update_layout(
        title=L["scores_title"],
        barmode="group",
        height=320,
        yaxis=dict(range=[0, 1.12], tickformat=".0%"),
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"),
    )
    return fig


def confusions(
    titles: list[str], matrices: list[np.ndarray], labels: list[str], L: dict
) -> go.Figure:
    """One 2 x 2 confusion matrix per remedy (rows the true class, columns the predicted one),
    side by side in one heatmap with a blank column between them: one trace and one pair of axes
    is cheap to redraw every frame, five subplots are not."""
    z, text = confusion_cells(matrices)
    x = np.arange(z.shape[1])
    ticks = [x for k in range(len(matrices)) for x in (3 * k, 3 * k + 1)]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            text=text,
            texttemplate="%{text}",
            x=x,
            y=labels,
            zmin=0,
            zmax=1,
            colorscale="Blues",
            showscale=False,
            hoverinfo="skip",
            xgap=2,
            ygap=2,
        )
    )
    for k, title in enumerate(titles):
        fig.add_annotation(
            x=3 * k + 0.5, y=1.0, yref="paper", yanchor="bottom", text=title, showarrow=False
        )
    fig.update_xaxes(
        tickangle=0,
        tickvals=ticks,
        ticktext=labels * len(matrices),
        title_text=L["predicted"],
        showgrid=False,
        zeroline=False,
    )
    fig.update_yaxes(autorange="reversed", title_text=L["true"], showgrid=False)
    fig.update_layout(height=250, margin=dict(l=10, r=10, t=40, b=10))
    return fig


def confusion_cells(matrices: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Colours (each row's share) and counts of the matrices in 2 x (3K − 1) cells, NaN and ""
    in the blank columns between them."""
    width = 3 * len(matrices) - 1
    z, text = np.full((2, width), np.nan), np.full((2, width), "", dtype=object)
    for k, C in enumerate(matrices):
        z[:, 3 * k : 3 * k + 2] = row_shares(C)
        text[:, 3 * k : 3 * k + 2] = C.astype(str)
    return z, text


def loss_curves(
    curves: dict[str, tuple[list, list, list]],
    names: dict[str, str],
    best: tuple[int, float],
    L: dict,
) -> go.Figure:
    """Training (solid) and test (dashed) loss of every run; a star at the lowest test loss of
    the plain run (the early-stopping epoch)."""
    fig = go.Figure()
    colors = ("#D55E00", "#0072B2", "#E69F00", "#009E73", "#CC79A7")
    for (key, (epochs, train, test)), color in zip(curves.items(), colors, strict=False):
        fig.add_trace(
            go.Scatter(
                x=epochs,
                y=train,
                name=f"{names[key]} · {L['train']}",
                line=dict(color=color),
                legendgroup=key,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=epochs,
                y=test,
                name=f"{names[key]} · {L['test']}",
                line=dict(color=color, dash="dash"),
                legendgroup=key,
            )
        )
    epoch, loss = best
    fig.add_trace(
        go.Scatter(
            x=[epoch],
            y=[loss],
            mode="markers",
            name=L["best"],
            marker=dict(symbol="star", size=16, color="#000000"),
        )
    )
    fig.add_vline(x=epoch, line_dash="dot", line_color=GREY)
    fig.update_layout(
        title=L["curves_title"],
        height=430,
        xaxis_title=L["epoch"],
        yaxis_title=L["loss"],
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(orientation="h", y=-0.3, yanchor="top"),
    )
    return fig


def bias_variance(
    values: tuple, train_err: np.ndarray, test_err: np.ndarray, L: dict, x_title: str
) -> go.Figure:
    """Final training and test error against the width or λ: bias on the left of the width
    axis (both high), variance on the right (training low, test high)."""
    x = [str(v) for v in values]  # evenly spaced categories: the values grow geometrically
    fig = go.Figure(
        [
            go.Scatter(
                x=x, y=train_err, name=L["train"], mode="lines+markers", line=dict(color="#0072B2")
            ),
            go.Scatter(
                x=x,
                y=test_err,
                name=L["test"],
                mode="lines+markers",
                line=dict(color="#E69F00", dash="dash"),
            ),
        ]
    )
    fig.update_layout(
        title=L["bv_title"],
        height=340,
        xaxis=dict(title=x_title, type="category"),
        yaxis=dict(title=L["error"], tickformat=".0%", rangemode="tozero"),
        margin=dict(l=10, r=10, t=50, b=10),
    )
    return fig


def probability_map(model) -> np.ndarray:
    """p(class 1) of a σ-output network on the RES x RES grid: rows along x₂, columns along x₁."""
    _, points = grid(RES, EXTENT)  # the Playground's grid: (RES², 2), x₁ varying fastest
    return model.predict(points)[:, 0].reshape(RES, RES)


def set_maps(fig: go.Figure, maps: list[np.ndarray | None]) -> None:
    """A new frame of `boundaries`: only the heatmaps change (the points stay), so the figure
    is built once per run and its p grids replaced (building it costs ten times more)."""
    heatmaps = [trace for trace in fig.data if trace.type == "heatmap"]
    for trace, P in zip(heatmaps, maps, strict=False):
        if P is not None:
            trace.z = P.astype(np.float32)


def set_bars(fig: go.Figure, values: dict[str, list[float]]) -> None:
    """A new frame of `scores`: the bars' heights."""
    for trace, ys in zip(fig.data, values.values(), strict=True):
        trace.y = ys


def set_confusions(fig: go.Figure, matrices: list[np.ndarray]) -> None:
    """A new frame of `confusions`: each matrix's counts and colours."""
    fig.data[0].z, fig.data[0].text = confusion_cells(matrices)


def row_shares(C: np.ndarray) -> np.ndarray:
    """Each row of a confusion matrix over its total: the colour of each cell."""
    return C / np.maximum(C.sum(axis=1, keepdims=True), 1)
