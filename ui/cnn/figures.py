"""Pure Plotly figures for the CNN lab: grids of numbers, image mosaics, softmax bars, curves.

Every function takes NumPy arrays (and the strings to print) and returns a go.Figure, or, for the
pictures redrawn on every training tick (kernels, feature maps), an RGB uint8 image: st.image shows
those at no cost, where building a Plotly figure per map would take longer than a tick. Nothing here
touches Streamlit, so each figure can be tested without a server.
"""

from functools import cache

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

HIGHLIGHT = "#E69F00"  # Okabe-Ito orange: the sliding window
TRUE_CLASS = "#009E73"  # Okabe-Ito bluish green: the right answer
OTHER = "#56B4E9"  # Okabe-Ito sky blue
PREDICTED = "#D55E00"  # Okabe-Ito vermillion: a wrong prediction
LINES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")  # Okabe-Ito, for curves
GREYS = [[0, "#ffffff"], [1, "#1a1a1a"]]  # 0 white, 1 ink (like the lecture's binary image)
MARGIN = {"l": 8, "r": 8, "t": 36, "b": 8}


def _square_axes(fig: go.Figure, **kw) -> None:
    """Square pixels, row 0 at the top, no ticks."""
    fig.update_xaxes(visible=False, constrain="domain", **kw)
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", constrain="domain", **kw)


def grid(
    values: np.ndarray,
    title: str = "",
    *,
    window: tuple[int, int, int] | None = None,
    frame: tuple[int, int, int] | None = None,
    colorscale="Blues",
    zmin: float | None = None,
    zmax: float | None = None,
    signed: bool = False,
    weights: np.ndarray | None = None,
    height: int = 300,
) -> go.Figure:
    """A small matrix as coloured cells with its numbers printed in them (NaN cells stay blank).

    signed: a diverging red-blue scale centred on 0 (for kernels and products).
    weights: the kernel under the window, printed as ×w beside each pixel (as in the lecture).

    window (top, left, size): the sliding window, outlined in orange.
    frame (top, left, size): a dashed outline (the original image inside its zero padding).
    """
    z = np.asarray(values, dtype=float)
    text = np.where(np.isnan(z), "", np.vectorize(fmt)(np.nan_to_num(z))).astype(object)
    if weights is not None and window is not None:
        top, left, size = window
        for (u, v), w in np.ndenumerate(weights):
            text[top + u, left + v] += f"<sub> ×{fmt(w)}</sub>"
    if signed:
        zmax = max(float(np.nanmax(np.abs(z))), 1.0) if not np.isnan(z).all() else 1.0
        zmin, colorscale = -zmax, "RdBu"
    fig = go.Figure(
        go.Heatmap(
            z=z,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 20},  # the ×w beside a pixel is a subscript at 70 %: 14 px
            colorscale=colorscale,
            zmin=zmin,
            zmax=zmax,
            showscale=False,
            xgap=2,
            ygap=2,
            hoverinfo="skip",
        )
    )
    for box, dash, width in ((frame, "dash", 2), (window, "solid", 5)):
        if box is not None:
            top, left, size = box
            fig.add_shape(
                type="rect",
                x0=left - 0.5,
                x1=left + size - 0.5,
                y0=top - 0.5,
                y1=top + size - 0.5,
                line={
                    "color": HIGHLIGHT if dash == "solid" else "#555555",
                    "width": width,
                    "dash": dash,
                },
            )
    fig.update_layout(title=title, height=height, margin=MARGIN, plot_bgcolor="#d9d9d9")
    _square_axes(fig)
    fig.update_xaxes(range=[-0.5, z.shape[1] - 0.5])
    fig.update_yaxes(range=[z.shape[0] - 0.5, -0.5], autorange=False)
    return fig


def fmt(x: float) -> str:
    """Whole numbers without decimals, others with up to two."""
    x = float(x)
    return str(round(x)) if abs(x - round(x)) < 1e-9 else f"{x:.2f}".rstrip("0")


def mosaic_array(
    maps: np.ndarray, n_cols: int, normalize: str = "each", peak: float | None = None
) -> np.ndarray:
    """Tile (n, h, w) maps into one image with a one-pixel NaN gap between them.

    normalize: "each" scales every map to [0, 1] by its own max (feature maps after ReLU);
    "signed" divides all by the largest |value| (or by `peak`, to share one scale between
    pictures) so that 0 stays the middle colour (kernels).
    """
    maps = np.asarray(maps, dtype=np.float64)
    n, h, w = maps.shape
    if normalize == "each":
        peak = np.abs(maps).reshape(n, -1).max(axis=1)[:, None, None]  # (n, 1, 1)
        maps = maps / np.where(peak > 0, peak, 1)
    else:
        maps = maps / max(np.abs(maps).max() if peak is None else peak, 1e-12)
    n_rows = -(-n // n_cols)
    tiled = np.full((n_rows * (h + 1) - 1, n_cols * (w + 1) - 1), np.nan)
    for i in range(n):
        r, c = divmod(i, n_cols)
        tiled[r * (h + 1) : r * (h + 1) + h, c * (w + 1) : c * (w + 1) + w] = maps[i]
    return tiled


@cache
def _lut(colorscale: str) -> np.ndarray:
    """A 256-entry RGB lookup table (256, 3) of a Plotly colour scale."""
    colors = sample_colorscale(colorscale, np.linspace(0, 1, 256), colortype="tuple")
    return np.round(np.array(colors) * 255).astype(np.uint8)


def mosaic(
    maps: np.ndarray,
    n_cols: int | None = None,
    signed: bool = False,
    width: int = 260,
    colorscale: str | None = None,
    peak: float | None = None,
) -> np.ndarray:
    """Feature maps (or kernels, signed=True) tiled into one RGB image (H, W, 3), uint8.

    Each pixel becomes a block of whole pixels (about `width` wide in all), so small maps stay
    crisp instead of being blurred by the browser; gaps are white. Feature maps use
    Viridis (each scaled by its own max), kernels red-blue centred on 0 (one scale for all);
    `colorscale` overrides (e.g. "Greys" for the input image: ink dark on white).
    """
    n = len(maps)
    n_cols = n_cols or min(n, max(1, int(np.ceil(np.sqrt(n)))))
    tiled = mosaic_array(maps, n_cols, "signed" if signed else "each", peak)  # NaN in the gaps
    unit = (tiled + 1) / 2 if signed else tiled  # [0, 1]
    index = np.round(np.nan_to_num(np.clip(unit, 0, 1)) * 255).astype(np.uint8)
    rgb = _lut(colorscale or ("RdBu" if signed else "Viridis"))[index]  # (h, w, 3)
    rgb[np.isnan(tiled)] = 255
    px = max(1, round(width / tiled.shape[1]))
    return np.repeat(np.repeat(rgb, px, axis=0), px, axis=1)


def softmax_bars(probs: np.ndarray, title: str, true_class: int | None = None) -> go.Figure:
    """ŷ_k for each class k: the prediction (the tallest bar) and the right answer coloured."""
    probs = np.asarray(probs, dtype=float)
    predicted = int(probs.argmax())
    colors = [OTHER] * len(probs)
    if true_class is not None and predicted != true_class:
        colors[predicted] = PREDICTED
    colors[predicted if true_class is None else true_class] = TRUE_CLASS
    fig = go.Figure(
        go.Bar(
            x=[str(k) for k in range(len(probs))],
            y=np.round(probs, 4),
            marker_color=colors,
            text=[f"{p:.0%}" if p >= 0.05 else "" for p in probs],
            textposition="outside",
            hovertemplate="%{x}: %{y:.3f}<extra></extra>",
        )
    )
    fig.update_layout(title=title, height=260, margin=MARGIN, showlegend=False)
    fig.update_yaxes(range=[0, 1.15], tickformat=".0%")
    fig.update_xaxes(type="category")
    return fig


def curves(
    panels: list[tuple[str, dict[str, tuple[np.ndarray, np.ndarray]]]],
    x_title: str,
    unit_panels: tuple[int, ...] = (),
    height: int = 280,
) -> go.Figure:
    """Side-by-side line charts: panels = [(title, {series name: (x, y)}), ...].

    unit_panels: the (1-based) panels that show a share, drawn on a fixed 0-100 % axis.
    """
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[t for t, _ in panels])
    names = list(dict.fromkeys(name for _, series in panels for name in series))
    for col, (_, series) in enumerate(panels, start=1):
        for name, (x, y) in series.items():
            i = names.index(name)  # one colour per series name, across the panels
            fig.add_trace(
                go.Scatter(
                    x=np.round(np.asarray(x, dtype=float), 3),
                    y=np.round(np.asarray(y, dtype=float), 4),
                    name=name,
                    mode="lines+markers",
                    marker={"size": 5},
                    line={"color": LINES[i % len(LINES)]},
                    legendgroup=name,
                    showlegend=name not in [n for _, prev in panels[: col - 1] for n in prev],
                ),
                row=1,
                col=col,
            )
        fig.update_xaxes(title_text=x_title, rangemode="tozero", row=1, col=col)
        if col in unit_panels:
            fig.update_yaxes(range=[0, 1.02], tickformat=".0%", row=1, col=col)
    fig.update_layout(
        height=height, margin={**MARGIN, "t": 40}, legend={"orientation": "h", "y": -0.25}
    )
    return fig


def image(img: np.ndarray, title: str, height: int = 260) -> go.Figure:
    """One grey image with values in [0, 1] (ink dark on white, as on paper)."""
    return _picture(img, title, height, colorscale=GREYS, zmin=0, zmax=1)


def signed_image(img: np.ndarray, title: str, height: int = 260) -> go.Figure:
    """A filter's output: grey when it has no negative values, else red-blue centred on 0."""
    img = np.asarray(img, dtype=np.float64)
    unit = img / max(float(np.abs(img).max()), 1e-12)  # [-1, 1]
    if img.min() >= 0:
        return image(unit, title, height)
    return _picture(unit, title, height, colorscale="RdBu", zmid=0, zmin=-1, zmax=1)


def _picture(img: np.ndarray, title: str, height: int, **heatmap) -> go.Figure:
    """An image as a heatmap with square pixels and the value under the pointer."""
    z = np.round(np.asarray(img, dtype=np.float32), 3)
    hover = "(%{y}, %{x}): %{z}<extra></extra>"
    fig = go.Figure(go.Heatmap(z=z, showscale=False, hovertemplate=hover, **heatmap))
    fig.update_layout(title=title, height=height, margin=MARGIN)
    _square_axes(fig)
    return fig
