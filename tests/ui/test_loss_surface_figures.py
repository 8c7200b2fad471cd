"""The loss-surface figures draw the numbers they are given, and animate the whole path."""

import base64
import io

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image

from ui.loss_surface import charts
from ui.loss_surface.colours import BANDS, STOP_COLOURS, log_J, log_ticks
from ui.loss_surface.figures import MAX_FRAMES, Trace, frame_indices, map_view, panels, surface_view

LABELS = {"J": "J", "x": "w", "y": "b", "play": "Play", "pause": "Pause", "step": "Step"}


def bowl():
    x, y = np.linspace(-2, 3, 21), np.linspace(-1, 4, 17)
    Z = (x[None, :] - 1) ** 2 + 2 * (y[:, None] - 2) ** 2 + 0.1  # (len(y), len(x))
    return x, y, Z


def path(n: int = 90) -> Trace:
    t = np.linspace(0, 1, n)
    points = np.column_stack([-2 + 3 * t, -1 + 3 * t])
    return Trace(
        points, (points[:, 0] - 1) ** 2 + 2 * (points[:, 1] - 2) ** 2 + 0.1, "GD", "#D55E00"
    )


def test_surface_view_draws_the_grid_and_the_path_on_both_views():
    x, y, Z = bowl()
    trace = path()
    star = Trace(np.array([[1.0, 2.0]]), np.array([0.1]), "Minimum", "#000000")
    fig = surface_view(x, y, Z, [trace], LABELS, [star])
    surface = next(d for d in fig.data if isinstance(d, go.Surface))
    hover = next(d for d in fig.data if isinstance(d, go.Heatmap))
    np.testing.assert_allclose(np.asarray(surface.z), np.log10(Z), rtol=1e-6)
    np.testing.assert_allclose(np.asarray(hover.z), Z, rtol=1e-6)  # J itself on hover
    (image,) = fig.layout.images  # the map's colours: an image survives the animation
    assert (image.xref, image.yref) == (hover.xaxis, hover.yaxis)
    assert (image.x, image.y, image.sizex, image.sizey) == (x[0], y[-1], 5.0, 5.0)
    assert image.source.startswith("data:image/png;base64,")
    on_map = [d for d in fig.data if isinstance(d, go.Scatter) and d.name == "GD"]
    np.testing.assert_allclose(on_map[0].x, trace.points[:, 0])
    on_surface = next(d for d in fig.data if isinstance(d, go.Scatter3d))
    assert np.all(np.asarray(on_surface.z) >= np.log10(trace.J))  # drawn on (just above) it
    stars = [d for d in fig.data if isinstance(d, go.Scatter) and d.name == "Minimum"]
    assert stars[0].marker.symbol == "star"


def test_animation_reveals_the_path_up_to_its_end():
    x, y, Z = bowl()
    trace = path(150)
    fig = surface_view(x, y, Z, [trace], LABELS)
    assert 2 <= len(fig.frames) <= MAX_FRAMES
    first, last = fig.frames[0], fig.frames[-1]
    assert len(first.data[-1].x) == 1  # the start point alone
    np.testing.assert_allclose(last.data[-1].x, trace.points[:, 0])  # the whole path
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["Play", "Pause"]
    assert len(fig.layout.sliders[0].steps) == len(fig.frames)


def test_the_live_map_is_light_and_still():
    x, y, Z = bowl()
    fig = map_view(x, y, Z, [path()], LABELS)
    assert len(fig.frames) == 0
    assert not any(isinstance(d, go.Surface | go.Scatter3d) for d in fig.data)
    assert len(fig.layout.images) == 1


def test_the_map_image_has_the_colour_of_each_band():
    x, y, Z = bowl()
    source = surface_view(x, y, Z, [], LABELS).layout.images[0].source
    png = Image.open(io.BytesIO(base64.b64decode(source.split(",", 1)[1])))
    rgb = np.asarray(png.convert("RGB"))
    assert rgb.shape == (4 * len(y), 4 * len(x), 3)
    high = rgb[-1, 0]  # the image's bottom left is (w, b) = (−2, −1), where J is largest
    low = rgb[rgb.shape[0] * 2 // 5, rgb.shape[1] * 3 // 5]  # near the minimum (1, 2)
    np.testing.assert_array_equal(high, STOP_COLOURS[-1])  # the top band: the scale's last colour
    assert low.sum() < high.sum()  # the valley is dark
    assert len({tuple(c) for c in rgb.reshape(-1, 3)}) <= BANDS


def test_frame_indices_cover_the_path():
    idx = frame_indices(500)
    assert idx[0] == 1 and idx[-1] == 500 and len(idx) <= MAX_FRAMES
    np.testing.assert_array_equal(frame_indices(5), [1, 2, 3, 4, 5])


def test_log_ticks_are_labelled_in_J():
    J = np.array([0.013, 4.0, 250.0])
    vals, text = log_ticks(J)
    assert len(vals) == len(text) >= 2
    for v, t in zip(vals, text, strict=True):
        assert float(t) == pytest.approx(10**v, rel=1e-6)
        assert np.log10(0.013) <= v <= np.log10(250.0)
    assert np.isfinite(log_J(np.array([0.0, 1.0]))).all()  # an exact fit stays drawable


def test_panels_put_each_path_on_its_own_map():
    x, y, Z = bowl()
    traces = [path(10 * (k + 1)) for k in range(4)]
    fig = panels(x, y, Z, traces, ["a", "b", "c", "d"], LABELS)
    assert sum(isinstance(d, go.Heatmap) for d in fig.data) == 4
    assert [image.xref for image in fig.layout.images] == ["x", "x2", "x3", "x4"]
    maps = [d for d in fig.data if isinstance(d, go.Scatter) and d.mode == "lines+markers"]
    assert [len(d.x) for d in maps] == [10, 20, 30, 40]
    assert [d.xaxis for d in maps] == ["x", "x2", "x3", "x4"]
    assert [a.text for a in fig.layout.annotations] == ["a", "b", "c", "d"]


def test_fit_draws_the_sigmoid_of_the_model():
    X = np.array([[-1.0], [0.0], [2.0]])
    fig = charts.fit(
        X,
        np.array([0, 1, 1]),
        "sigmoid",
        [(2.0, -1.0, "end", "#000", "solid")],
        {"title": "t", "data": "d"},
    )
    line = fig.data[1]
    np.testing.assert_allclose(line.y, 1 / (1 + np.exp(-(2.0 * np.asarray(line.x) - 1.0))))


def test_path_chart_and_interpolation_show_their_series():
    labels = {
        "title": "t",
        "x": "x",
        "y": "y",
        "true": "true",
        "under": "under",
        "curve": "c",
        "ends": "e",
        "start": "θ₀",
        "end": "θ*",
    }
    fig = charts.path_vs_slice(np.arange(4), np.ones(4), np.full(4, 2.0), labels)
    assert [d.name for d in fig.data] == ["true", "under"]
    ts = np.linspace(-0.5, 1.5, 81)
    fig = charts.interpolation(ts, np.exp(ts), labels)
    ends = fig.data[1]
    np.testing.assert_allclose(ends.x, [0.0, 1.0])
    assert list(ends.text) == ["θ₀", "θ*"]
