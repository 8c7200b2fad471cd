"""Line charts of the loss-surface lab: J per step, the path's true J against the slice, the 1-D
interpolation, and the two-parameter model drawn over its data. Pure functions of NumPy arrays."""

import numpy as np
import plotly.graph_objects as go
from scipy.special import expit

from ui.loss_surface.figures import SLICE_COLOUR, TRUE_COLOUR

MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}


def log_chart(fig: go.Figure, labels: dict, height: int, **layout) -> go.Figure:
    """Title, axis titles and a logarithmic J axis labelled in plain numbers."""
    fig.update_layout(
        title=labels["title"],
        xaxis_title=labels["x"],
        yaxis_title=labels["y"],
        height=height,
        margin=MARGIN,
        **layout,
    )
    fig.update_yaxes(type="log", tickformat="~g", dtick="D2")
    return fig


def loss_curves(curves: list[tuple[np.ndarray, str, str]], labels: dict) -> go.Figure:
    """J after each step for several runs: curves are (J (k,), name, colour)."""
    fig = go.Figure()
    for J, name, colour in curves:
        fig.add_trace(
            go.Scatter(
                x=np.arange(len(J)),
                y=J,
                name=name,
                mode="lines",
                line={"color": colour, "width": 2.5},
            )
        )
    return log_chart(fig, labels, 320, legend={"orientation": "h", "y": -0.25})


def path_vs_slice(epochs: np.ndarray, true: np.ndarray, under: np.ndarray, labels: dict):
    """The engine's J at each recorded θ_i beside the slice's value under its projection."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=epochs,
            y=true,
            name=labels["true"],
            mode="lines+markers",
            line={"color": TRUE_COLOUR, "width": 2.5},
            marker={"size": 5},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=epochs,
            y=under,
            name=labels["under"],
            mode="lines+markers",
            line={"color": SLICE_COLOUR, "width": 2, "dash": "dash"},
            marker={"size": 5, "symbol": "x"},
        )
    )
    return log_chart(fig, labels, 340, legend={"orientation": "h", "y": -0.3})


def interpolation(ts: np.ndarray, J: np.ndarray, labels: dict) -> go.Figure:
    """J((1 − t)·θ_0 + t·θ_1) against t, with the two networks marked at t = 0 and t = 1."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=ts, y=J, mode="lines", name=labels["curve"], line={"color": TRUE_COLOUR, "width": 2.5}
        )
    )
    ends = np.isin(np.round(ts, 9), [0.0, 1.0])
    fig.add_trace(
        go.Scatter(
            x=ts[ends],
            y=J[ends],
            mode="markers+text",
            name=labels["ends"],
            text=[labels["start"], labels["end"]][: int(ends.sum())],
            textposition="top center",
            marker={"size": 11, "color": SLICE_COLOUR},
        )
    )
    return log_chart(fig, labels, 340, showlegend=False)


def fit(X: np.ndarray, y: np.ndarray, output: str, models, labels: dict) -> go.Figure:
    """The data and the model ŷ = g(w·x + b) for each (w, b, name, colour, dash) in models."""
    x = X[:, 0]
    grid = np.linspace(x.min() - 0.5, x.max() + 0.5, 200)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="markers",
            name=labels["data"],
            marker={"size": 7, "color": "#0072B2", "opacity": 0.7},
        )
    )
    for w, b, name, colour, dash in models:
        z = w * grid + b
        fig.add_trace(
            go.Scatter(
                x=grid,
                y=expit(z) if output == "sigmoid" else z,
                name=name,
                mode="lines",
                line={"color": colour, "width": 2.5, "dash": dash},
            )
        )
    pad = 0.15 * (y.max() - y.min() + 1e-9)
    fig.update_layout(
        title=labels["title"],
        xaxis_title="x",
        yaxis_title="y",
        height=320,
        margin=MARGIN,
        yaxis_range=[y.min() - pad, y.max() + pad],
        legend={"orientation": "h", "y": -0.25},
    )
    return fig
