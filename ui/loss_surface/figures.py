"""Plotly figures of the loss-surface lab: pure functions of NumPy arrays and label dicts.

J is drawn on a logarithmic scale (colour and 3-D height), with tick labels in J itself: a squared
error spans several orders of magnitude between the valley floor and the corners of the view.
Paths are revealed step by step with Plotly frames, so the animation runs in the browser with no
server round trips (good for a projector and a busy server).
"""

import base64
import io
from typing import NamedTuple

import numpy as np
import plotly.graph_objects as go
from PIL import Image
from plotly.colors import get_colorscale, unlabel_rgb
from plotly.subplots import make_subplots

SURFACE_SCALE = "YlGnBu_r"  # ColorBrewer, colour-blind safe: dark valley, light heights
PATH_COLOURS = ("#D55E00", "#000000", "#CC79A7", "#E69F00")  # Okabe-Ito vermillion, black, ...
TRUE_COLOUR, SLICE_COLOUR = "#0072B2", "#D55E00"  # Okabe-Ito blue and vermillion
MAX_FRAMES = 60
BANDS = 24
STOPS = np.array([stop for stop, _ in get_colorscale(SURFACE_SCALE)])
STOP_COLOURS = np.array([unlabel_rgb(colour) for _, colour in get_colorscale(SURFACE_SCALE)])
FRAME_MS = 80


class Trace(NamedTuple):
    """A path to draw on a surface: points (k, 2), the height of each point, its legend name."""

    points: np.ndarray
    J: np.ndarray
    name: str
    colour: str


def log_J(J: np.ndarray) -> np.ndarray:
    """log10 J in float32 (half the bytes on the wire), floored so an exact fit stays finite."""
    J = np.asarray(J, dtype=float)
    return np.log10(np.maximum(J, max(float(np.nanmax(J)) * 1e-12, 1e-30))).astype(np.float32)


def log_ticks(J: np.ndarray) -> tuple[list[float], list[str]]:
    """Colour-bar ticks at 1, 2, 5 x 10^k between the smallest and largest J, labelled in J."""
    lo, hi = float(np.nanmin(log_J(J))), float(np.nanmax(log_J(J)))
    values = [
        m * 10.0**k for k in range(int(np.floor(lo)), int(np.ceil(hi)) + 1) for m in (1, 2, 5)
    ]
    inside = [v for v in values if lo <= np.log10(v) <= hi] or [10**lo, 10**hi]
    step = max(1, len(inside) // 8)
    kept = inside[::step]
    return [float(np.log10(v)) for v in kept], [f"{v:.3g}" for v in kept]


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
    tickvals, ticktext = log_ticks(Z)
    colorbar = {"title": labels["J"], "tickvals": tickvals, "ticktext": ticktext, "len": 0.9}
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
    zticks = {"tickvals": tickvals, "ticktext": ticktext, "title": labels["J"]}
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
    tickvals, ticktext = log_ticks(Z)
    colorbar = {"title": labels["J"], "tickvals": tickvals, "ticktext": ticktext, "len": 0.9}
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
    tickvals, ticktext = log_ticks(Z)
    colorbar = {"title": labels["J"], "tickvals": tickvals, "ticktext": ticktext}
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


def add_map(fig: go.Figure, x, y, Z, labels: dict, row: int, col: int, colorbar) -> None:
    """The contour map of Z in subplot (row, col): a banded PNG image under the axes, a transparent
    heatmap that tells J on hover, and the colour bar when one is given.

    The colours are an image, not a contour or heatmap trace, because plotly.js drops those traces
    from the plot as soon as a figure animates (plotly.js issues 4491 and 4596).
    """
    zlog = log_J(Z)
    lo, hi = float(zlog.min()), float(zlog.max())
    ref = fig.get_subplot(row, col)
    fig.add_layout_image(
        source=banded_png(zlog, lo, hi),
        xref=ref.xaxis.plotly_name.replace("axis", ""),  # "xaxis2" -> "x2"
        yref=ref.yaxis.plotly_name.replace("axis", ""),
        x=x[0],
        y=y[-1],
        sizex=x[-1] - x[0],
        sizey=y[-1] - y[0],
        sizing="stretch",
        layer="below",
        xanchor="left",
        yanchor="top",
    )
    fig.add_trace(
        go.Heatmap(
            x=x,
            y=y,
            z=np.asarray(Z, dtype=np.float32),
            opacity=0,
            showscale=False,
            hovertemplate=f"{labels['x']}=%{{x:.3g}}<br>{labels['y']}=%{{y:.3g}}<br>"
            f"{labels['J']}=%{{z:.4g}}<extra></extra>",
        ),
        row,
        col,
    )
    if colorbar is not None:
        marker = {
            "colorscale": SURFACE_SCALE,
            "cmin": lo,
            "cmax": hi,
            "color": [lo],
            "showscale": True,
            "colorbar": colorbar,
        }
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker=marker,
                showlegend=False,
                hoverinfo="skip",
            ),
            row,
            col,
        )


def banded_png(zlog: np.ndarray, lo: float, hi: float) -> str:
    """log10 J as a PNG in BANDS colour bands (a filled-contour look), 4x finer than the grid."""
    height, width = zlog.shape
    fine = Image.fromarray(np.asarray(zlog, dtype=np.float32), "F")
    fine = np.asarray(fine.resize((4 * width, 4 * height), Image.BILINEAR))
    t = np.clip((fine - lo) / max(hi - lo, 1e-12), 0, 1)
    t = np.minimum(np.floor(t * BANDS), BANDS - 1) / (BANDS - 1)  # BANDS flat levels
    rgb = np.stack([np.interp(t, STOPS, channel) for channel in STOP_COLOURS.T], axis=-1)
    buffer = io.BytesIO()
    Image.fromarray(rgb[::-1].round().astype(np.uint8), "RGB").save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
