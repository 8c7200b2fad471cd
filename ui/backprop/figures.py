"""Plotly figures for the neuron and backprop lab: pure functions of NumPy arrays.

Colours are colour-blind safe: Okabe-Ito for lines and classes, ColorBrewer's diverging RdBu
(red negative, blue positive) for signed numbers such as weights.
"""

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
)
LINES = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY)
CLASS_COLORS = (BLUE, ORANGE)  # class 0, class 1
CLASS_SYMBOLS = ("circle", "x")
PROBABILITY_SCALE = [[0.0, "#cfe3f0"], [0.5, "#ffffff"], [1.0, "#f8dfb0"]]  # class 0 ... class 1
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}
MAX_POINTS = 1000  # a line redrawn every tick: keep the frame small


def layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 15}},
        height=height,
        margin=MARGIN,
        template="plotly_white",
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def activation_curve(
    z: np.ndarray,
    A: np.ndarray,
    dA: np.ndarray,
    names: tuple[str, str],
    title: str = "",
    point: tuple[float, float] | None = None,
    height: int = 260,
) -> go.Figure:
    """φ(z) (solid) and φ'(z) (dashed) on one axis, with an optional marked point (z, a)."""
    fig = go.Figure()
    fig.add_scatter(x=z, y=A, name=names[0], line={"color": BLUE, "width": 3})
    fig.add_scatter(x=z, y=dA, name=names[1], line={"color": ORANGE, "width": 2, "dash": "dash"})
    if point is not None:
        fig.add_scatter(
            x=[point[0]],
            y=[point[1]],
            mode="markers",
            name="(z, a)",
            marker={"color": VERMILLION, "size": 14, "symbol": "diamond"},
        )
    fig.update_xaxes(title_text="z", zeroline=True)
    layout(fig, title, height)
    fig.update_layout(legend={"orientation": "h", "x": 0.01, "y": 0.99, "bgcolor": "rgba(0,0,0,0)"})
    return fig


def contributions(names: list[str], values: np.ndarray, title: str, height: int = 260) -> go.Figure:
    """The terms w_i·x_i of a dot product as bars, coloured by sign."""
    colors = [BLUE if v >= 0 else VERMILLION for v in values]
    fig = go.Figure(go.Bar(x=names, y=values, marker_color=colors, text=np.round(values, 3)))
    return layout(fig, title, height)


def matrix_heatmap(M: np.ndarray, title: str, zmax: float | None = None, height: int = 320):
    """A signed matrix as an annotated RdBu heatmap, row 1 at the top (as it is written)."""
    zmax = float(np.abs(M).max()) or 1.0 if zmax is None else zmax
    fig = go.Figure(
        go.Heatmap(
            z=M,
            x=[str(j + 1) for j in range(M.shape[1])],
            y=[str(i + 1) for i in range(M.shape[0])],
            colorscale="RdBu",
            zmin=-zmax,
            zmax=zmax,
            texttemplate="%{z:.2f}",
            showscale=False,
        )
    )
    fig.update_yaxes(autorange="reversed", scaleanchor="x")
    return layout(fig, title, height)


def boundaries(
    axis: np.ndarray, panels: list[tuple[str, np.ndarray]], X: np.ndarray, y: np.ndarray, height
) -> go.Figure:
    """Side-by-side maps of P(class 1) over the plane, with the data points on each."""
    fig = make_subplots(
        rows=1, cols=len(panels), subplot_titles=[t for t, _ in panels], horizontal_spacing=0.02
    )
    for col, (_, P) in enumerate(panels, start=1):
        fig.add_heatmap(
            x=axis,
            y=axis,
            z=P.astype(np.float32),
            zmin=0,
            zmax=1,
            colorscale=PROBABILITY_SCALE,
            showscale=False,
            row=1,
            col=col,
        )
        for c in (0, 1):
            fig.add_scatter(
                x=X[y == c, 0],
                y=X[y == c, 1],
                mode="markers",
                marker={"color": CLASS_COLORS[c], "size": 5, "symbol": CLASS_SYMBOLS[c]},
                showlegend=False,
                row=1,
                col=col,
            )
        fig.update_xaxes(showticklabels=False, row=1, col=col)
        fig.update_yaxes(showticklabels=False, scaleanchor=f"x{col}", row=1, col=col)
    return layout(fig, "", height)


def add_line(fig: go.Figure, w: np.ndarray, b: float, col: int, extent: float) -> None:
    """The straight boundary w1·x1 + w2·x2 + b = 0 (dashed) on subplot `col`."""
    if not np.any(w):
        return
    t = np.linspace(-extent, extent, 2)
    if abs(w[1]) >= abs(w[0]):
        x1, x2 = t, -(b + w[0] * t) / w[1]
    else:
        x1, x2 = -(b + w[1] * t) / w[0], t
    fig.add_scatter(
        x=x1, y=x2, mode="lines", line={"color": "#222", "width": 3, "dash": "dash"},
        showlegend=False, row=1, col=col,
    )  # fmt: skip
    fig.update_xaxes(range=[-extent, extent], row=1, col=col)
    fig.update_yaxes(range=[-extent, extent], row=1, col=col)


def curves(
    series: dict[str, np.ndarray],
    title: str,
    x_title: str,
    y_title: str,
    height: int = 340,
    log_y: bool = True,
    first: int = 1,
    markers: bool = True,
) -> go.Figure:
    """Several named lines on one chart (loss per epoch, gradient norm per layer).

    Each series' x runs first, first + 1, ... (epochs from 0, layers from 1).
    """
    fig = go.Figure()
    styles = zip(LINES * 2, ("solid", "dash") * 6, strict=True)  # dashes show overlapping lines
    for (name, values), (color, dash) in zip(series.items(), styles, strict=False):
        fig.add_scatter(
            x=first + np.arange(len(values)),
            y=values,
            name=name,
            mode="lines+markers" if markers else "lines",
            line={"color": color, "width": 2, "dash": dash},
        )
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title, type="log" if log_y else "linear", exponentformat="power")
    return layout(fig, title, height)


def loss_history(
    losses: np.ndarray, epoch: int, title: str, x_title: str, y_title: str, height: int = 260
) -> go.Figure:
    """J per epoch so far (at most about MAX_POINTS of them drawn), the epoch on screen marked."""
    losses = np.asarray(losses)
    stride = max(1, len(losses) // MAX_POINTS)
    epochs = np.arange(0, len(losses), stride)
    fig = go.Figure(go.Scatter(x=epochs, y=losses[epochs], line={"color": BLUE, "width": 2}))
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    layout(fig, title, height)
    fig.add_scatter(
        x=[epoch],
        y=[losses[epoch]],
        mode="markers",
        marker={"size": 13, "color": VERMILLION, "symbol": "diamond"},
    )
    fig.update_layout(showlegend=False)
    fig.update_yaxes(rangemode="tozero")
    return fig


def units_heatmap(
    A: np.ndarray, title: str, zrange: tuple[float, float], axes: tuple[str, str], height: int = 300
):
    """Hidden units' outputs: one row per unit, one column per input point; `axes` are the x and
    y axis titles (point, unit)."""
    heatmap = go.Heatmap(
        z=A.T.astype(np.float32), zmin=zrange[0], zmax=zrange[1], colorscale="Viridis"
    )
    fig = go.Figure(heatmap)
    fig.update_xaxes(title_text=axes[0])
    fig.update_yaxes(title_text=axes[1], autorange="reversed")
    return layout(fig, title, height)


def edge_color(w: float, wmax: float) -> str:
    return sample_colorscale("RdBu", [0.5 + 0.5 * float(np.clip(w / wmax, -1, 1))])[0]
