"""Plotly figures of the loss-surface lab: pure functions of NumPy arrays and label dicts.

J is drawn on a logarithmic scale (colour and 3-D height; ui/loss_surface/colours.py), with tick
labels in J itself: a squared error spans orders of magnitude between the valley and the corners.
Paths are revealed step by step with Plotly frames, so the animation runs in the browser with no
server round trips (good for a projector and a busy server).
"""

from typing import NamedTuple

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.loss_surface.colours import SURFACE_SCALE, add_map, colour_bar, log_J

PATH_COLOURS = ("#D55E00", "#000000", "#CC79A7", "#E69F00")  # Okabe-Ito vermillion, black, ...
TRUE_COLOUR, SLICE_COLOUR = "#0072B2", "#D55E00"  # Okabe-Ito blue and vermillion
MAX_FRAMES = 60
FRAME_MS = 80


class Trace(NamedTuple):
    """A path to draw on a surface: points (k, 2), the height of each point, its legend name."""

    points: np.ndarray
    J: np.ndarray
    name: str
    colour: str


def frame_indices(n_points: int) -> np.ndarray:
    """Which path lengths the animation shows: every step, or MAX_FRAMES spread over the path."""
    return np.unique(
        np.linspace(1, max(n_points, 1), min(n_points, MAX_FRAMES)).round().astype(int)
    )


def surface_view(
    x: np.ndarray,
    y: np.ndarray,
    Z: np.ndarray,
    traces: list[Trace],
    labels: dict,
    marks: list[Trace] = (),
    height: int = 560,
) -> go.Figure:
    """A 3-D surface (left) and its contour map (right), Z (len(y), len(x)), with the traces
    animated on both. marks: fixed lines or points on the map (the minimum, its λ path)."""
    fig = make_subplots(
        1,
        2,
        specs=[[{"type": "scene"}, {"type": "xy"}]],
        column_widths=[0.5, 0.5],
        horizontal_spacing=0.06,
    )
    colorbar = colour_bar(Z, labels)
    fig.add_trace(
        go.Surface(
            x=x,
            y=y,
            z=log_J(Z),
            colorscale=SURFACE_SCALE,
            showscale=False,
            opacity=0.95,
            hovertemplate=f"{labels['x']}=%{{x:.3g}}<br>{labels['y']}=%{{y:.3g}}<extra></extra>",
        ),
        1,
        1,
    )
    add_map(fig, x, y, Z, labels, 1, 2, colorbar)
    for mark in marks:
        fig.add_trace(mark_trace(mark), 1, 2)
    first = len(fig.data)
    for trace in traces:
        for t in path_traces(trace, len(trace.points)):
            fig.add_trace(t, 1, 1 if isinstance(t, go.Scatter3d) else 2)
    animate(fig, traces, first, labels)
    zticks = {k: colorbar[k] for k in ("tickvals", "ticktext", "title")}
    fig.update_scenes(
        xaxis_title=labels["x"],
        yaxis_title=labels["y"],
        zaxis=zticks,
        camera={"eye": {"x": -1.35, "y": -1.35, "z": 0.95}},
        aspectmode="cube",
    )
    fig.update_xaxes(title=labels["x"], range=[x[0], x[-1]], row=1, col=2)
    fig.update_yaxes(title=labels["y"], range=[y[0], y[-1]], row=1, col=2)
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0.55},
    )
    return fig


def map_view(
    x: np.ndarray,
    y: np.ndarray,
    Z: np.ndarray,
    traces: list[Trace],
    labels: dict,
    marks: list[Trace] = (),
    height: int = 480,
) -> go.Figure:
    """The contour map alone, with no animation: light enough to redraw on every live tick."""
    fig = make_subplots(1, 1)
    colorbar = colour_bar(Z, labels)
    add_map(fig, x, y, Z, labels, 1, 1, colorbar)
    for mark in marks:
        fig.add_trace(mark_trace(mark))
    for trace in traces:
        for t in path_traces(trace, len(trace.points), with_3d=False):
            fig.add_trace(t)
    fig.update_xaxes(title=labels["x"], range=[x[0], x[-1]])
    fig.update_yaxes(title=labels["y"], range=[y[0], y[-1]])
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom"},
    )
    return fig


def mark_trace(mark: Trace) -> go.Scatter:
    """A fixed mark on the map: one point is a star, several are a dashed line."""
    one = len(mark.points) == 1
    return go.Scatter(
        x=mark.points[:, 0],
        y=mark.points[:, 1],
        name=mark.name,
        mode="markers" if one else "lines",
        marker={
            "symbol": "star",
            "size": 16,
            "color": "white",
            "line": {"color": mark.colour, "width": 2},
        },
        line={"color": mark.colour, "width": 2, "dash": "dash"},
        hovertemplate=f"{mark.name}<extra></extra>",
    )


def path_traces(trace: Trace, n: int, with_3d: bool = True) -> list:
    """The first n points of a path: on the surface (3-D) and on the map (a white halo under it)."""
    p, z = trace.points[:n], log_J(trace.J[:n]) + 0.02  # lifted a little above the surface
    sizes = [4] * (len(p) - 1) + [11]  # the head of the path is the big dot
    halo = go.Scatter(
        x=p[:, 0],
        y=p[:, 1],
        mode="lines",
        line={"color": "white", "width": 5},
        hoverinfo="skip",
        showlegend=False,
    )
    on_map = go.Scatter(
        x=p[:, 0],
        y=p[:, 1],
        mode="lines+markers",
        name=trace.name,
        line={"color": trace.colour, "width": 2.5},
        marker={"size": sizes, "color": trace.colour},
    )
    on_surface = go.Scatter3d(
        x=p[:, 0],
        y=p[:, 1],
        z=z,
        mode="lines+markers",
        showlegend=False,
        name=trace.name,
        line={"color": trace.colour, "width": 5},
        marker={"size": [s / 2 for s in sizes], "color": trace.colour},
    )
    return [on_surface, halo, on_map] if with_3d else [halo, on_map]


def animate(
    fig: go.Figure,
    traces: list[Trace],
    first: int,
    labels: dict,
    with_3d: bool = True,
    below: float = -0.02,
) -> None:
    """Frames that reveal every trace step by step, with Play/Pause buttons and a step slider."""
    longest = max((len(t.points) for t in traces), default=0)
    if longest < 2:
        return
    per_trace = 3 if with_3d else 2
    indices = list(range(first, first + per_trace * len(traces)))
    frames = []
    for n in frame_indices(longest):
        data = [d for t in traces for d in path_traces(t, min(n, len(t.points)), with_3d)]
        frames.append(go.Frame(data=data, traces=indices, name=str(n - 1)))
    fig.frames = frames
    play = {
        "frame": {"duration": FRAME_MS, "redraw": True},
        "fromcurrent": True,
        "transition": {"duration": 0},
    }
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0.0,
                "y": below,
                "xanchor": "left",
                "yanchor": "top",
                "buttons": [
                    {"label": labels["play"], "method": "animate", "args": [None, play]},
                    {
                        "label": labels["pause"],
                        "method": "animate",
                        "args": [
                            [None],
                            {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"},
                        ],
                    },
                ],
            }
        ],
        sliders=[
            {
                "x": 0.12,
                "y": below,
                "len": 0.4,
                "currentvalue": {"prefix": labels["step"] + " "},
                "steps": [
                    {
                        "label": f.name,
                        "method": "animate",
                        "args": [
                            [f.name],
                            {"frame": {"duration": 0, "redraw": True}, "mode": "immediate"},
                        ],
                    }
                    for f in frames
                ],
            }
        ],
    )


def panels(
    x: np.ndarray,
    y: np.ndarray,
    Z: np.ndarray,
    traces: list[Trace],
    titles: list[str],
    labels: dict,
    height: int = 430,
) -> go.Figure:
    """One contour map per trace, side by side: the same surface, each with its own path."""
    fig = make_subplots(
        1, len(traces), subplot_titles=titles, horizontal_spacing=0.025, shared_yaxes=True
    )
    colorbar = colour_bar(Z, labels)
    for i in range(len(traces)):
        add_map(fig, x, y, Z, labels, 1, i + 1, colorbar if i == len(traces) - 1 else None)
    first = len(fig.data)
    for i, trace in enumerate(traces):
        for t in path_traces(trace, len(trace.points), with_3d=False):
            fig.add_trace(t, 1, i + 1)
    animate(fig, traces, first, labels, with_3d=False, below=-0.22)
    fig.update_xaxes(range=[x[0], x[-1]], title=labels["x"])
    fig.update_yaxes(range=[y[0], y[-1]])
    fig.update_yaxes(title=labels["y"], row=1, col=1)
    fig.update_layout(height=height, showlegend=False, margin={"l": 10, "r": 10, "t": 40, "b": 90})
    return fig
