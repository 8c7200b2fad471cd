"""The colours of J in the loss-surface lab: a logarithmic, colour-blind-safe scale whose ticks
read in J, and the contour map drawn as a banded PNG image under a subplot's axes."""

import base64
import io

import numpy as np
import plotly.graph_objects as go
from PIL import Image
from plotly.colors import get_colorscale, unlabel_rgb

SURFACE_SCALE = "YlGnBu_r"  # ColorBrewer, colour-blind safe: dark valley, light heights
BANDS = 24
STOPS = np.array([stop for stop, _ in get_colorscale(SURFACE_SCALE)])
STOP_COLOURS = np.array([unlabel_rgb(colour) for _, colour in get_colorscale(SURFACE_SCALE)])


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


def colour_bar(Z: np.ndarray, labels: dict) -> dict:
    """A colour bar for log10 J whose ticks read in J."""
    tickvals, ticktext = log_ticks(Z)
    return {"title": labels["J"], "tickvals": tickvals, "ticktext": ticktext, "len": 0.9}


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
