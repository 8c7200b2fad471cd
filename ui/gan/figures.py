"""The GAN lab's Plotly figures: pure functions from NumPy arrays and labels (L, from the page's
TOML) to figures. The plane shows D's heatmap, the real and fake samples, G's manifold and the
arrows ∂D/∂x on the fakes, each a layer that can be left out."""

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from ui import palette

REAL = palette.CLASS_COLORS[0]  # blue
FAKE = palette.CLASS_COLORS[3]  # vermillion
INK = "#333333"
# D(x): light vermillion where D says fake, grey at ½ (D cannot tell), light blue where real.
D_SCALE = [[0.0, "#F4B99A"], [0.5, "#D9D9D9"], [1.0, "#9CC7E4"]]
COLORBAR = {"title": {"text": "D(x)"}, "len": 0.8, "thickness": 14}
MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}
N_SHOWN = 600  # samples of each kind drawn (the metrics use all of them)
N_ARROWS = 150
ARROW = 0.12  # the longest arrow, in plane units


def plane(view: dict, layers: tuple[str, ...], L: dict) -> go.Figure:
    """The plane [-1, 1]²; `view` holds the arrays: u, d_map, real, fake, manifold, grad."""
    traces = []
    if "dmap" in layers:
        traces.append(go.Heatmap(
            x=view["u"], y=view["u"], z=view["d_map"].astype(np.float32), zmin=0, zmax=1,
            colorscale=D_SCALE, name="D(x)", colorbar=COLORBAR,
            hovertemplate="x₁ %{x:.2f}, x₂ %{y:.2f}<br>D(x) = %{z:.2f}<extra></extra>",
        ))  # fmt: skip
    if "manifold" in layers:
        traces.append(manifold_trace(view["manifold"], L))
    if "real" in layers:
        traces.append(points(view["real"][:N_SHOWN], REAL, L["real"]))
    if "fake" in layers:
        traces.append(points(view["fake"][:N_SHOWN], FAKE, L["fake"]))
    if "arrows" in layers:
        traces.append(arrows(view["fake"][:N_ARROWS], view["grad"][:N_ARROWS], L))
    fig = go.Figure(traces)
    fig.update_layout(
        title=L["plane_title"], height=460, margin=MARGIN, uirevision="keep",
        template=pio.templates["plotly_white"],  # the object: a name is looked up and copied
        legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0},
    )  # fmt: skip
    fig.update_xaxes(range=[-1, 1], title="x₁", constrain="domain")
    fig.update_yaxes(range=[-1, 1], title="x₂", scaleanchor="x", scaleratio=1)
    return fig


def points(X: np.ndarray, color: str, name: str) -> go.Scatter:
    return go.Scatter(
        x=X[:, 0].astype(np.float32), y=X[:, 1].astype(np.float32), mode="markers", name=name,
        marker={"color": color, "size": 5, "opacity": 0.75}, hoverinfo="skip",
    )  # fmt: skip


def polyline(lines: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Several polylines (k_i, 2) as one trace's x and y, separated by gaps (NaN)."""
    gap = np.full((1, 2), np.nan)
    joined = np.vstack([part for line in lines for part in (line, gap)])
    return joined[:, 0], joined[:, 1]


def manifold_trace(M: np.ndarray, L: dict) -> go.Scatter:
    """G's manifold: a curve for 1-D noise (n, 2); the warped rows and columns of the noise grid
    for 2-D noise (n, n, 2)."""
    lines = [M] if M.ndim == 2 else [*M, *M.transpose(1, 0, 2)]
    x, y = polyline(lines)
    return go.Scatter(x=x, y=y, mode="lines", name=L["manifold"], hoverinfo="skip",
                      line={"color": INK, "width": 1})  # fmt: skip


def arrows(X: np.ndarray, dX: np.ndarray, L: dict) -> go.Scatter:
    """A segment from each fake sample along ∂D/∂x, the longest ARROW long."""
    size = np.linalg.norm(dX, axis=1).max()
    step = dX * (ARROW / size) if size > 0 else dX
    lines = [np.stack([x, x + d]) for x, d in zip(X, step, strict=True)]
    x, y = polyline(lines)
    return go.Scatter(x=x, y=y, mode="lines", name=L["arrows"], hoverinfo="skip",
                      line={"color": "#000000", "width": 1.5})  # fmt: skip


def thin(values: list[float], n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """At most n evenly spaced points of a long history: (index, value)."""
    idx = np.unique(np.linspace(0, len(values) - 1, min(n, len(values))).astype(int))
    return idx, np.asarray(values, dtype=float)[idx]


def losses(history: dict, L: dict) -> go.Figure:
    """J_D and J_G over the updates (D's and G's, counted together)."""
    fig = go.Figure()
    steps = np.asarray(history["step"])
    for key, color, name in (("J_D", REAL, L["loss_d"]), ("J_G", FAKE, L["loss_g"])):
        if history[key]:
            idx, values = thin(history[key])
            fig.add_trace(go.Scatter(x=steps[idx], y=values, mode="lines", name=name,
                                     line={"color": color, "width": 2}))  # fmt: skip
    fig.update_layout(
        title=L["loss_title"], height=320, margin={**MARGIN, "b": 90}, uirevision="keep",
        template=pio.templates["plotly_white"],
        legend={"orientation": "h", "y": -0.45, "yanchor": "top", "x": 0},
    )  # fmt: skip
    fig.update_xaxes(title=L["updates"], automargin=True)
    fig.update_yaxes(title=L["loss_axis"], rangemode="tozero")
    return fig
