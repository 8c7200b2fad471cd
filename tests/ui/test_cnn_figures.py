"""The CNN lab's figures and helpers, without a server: what each one draws from its arrays."""

import io

import numpy as np
import pytest
from PIL import Image

from ui.cnn import by_hand, draw, figures


def test_grid_prints_numbers_weights_and_the_window():
    values = np.array([[1.0, 0.0], [0.5, np.nan]])
    fig = figures.grid(values, "t", window=(0, 0, 1), weights=np.array([[2]]), frame=(0, 0, 2))
    text = fig.data[0].text
    assert text[0][0] == "1<sub> ×2</sub>" and text[0][1] == "0" and text[1][0] == "0.5"
    assert text[1][1] == ""  # not computed yet: blank
    window = next(s for s in fig.layout.shapes if s.line.dash == "solid")
    assert (window.x0, window.x1, window.y0, window.y1) == (-0.5, 0.5, -0.5, 0.5)
    assert list(fig.layout.yaxis.range) == [1.5, -0.5]  # row 0 on top


def test_signed_grid_is_centred_on_zero():
    fig = figures.grid(np.array([[-3.0, 1.0]]), signed=True)
    assert (fig.data[0].zmin, fig.data[0].zmax) == (-3.0, 3.0)


def test_mosaic_tiles_maps_with_gaps():
    maps = np.arange(3 * 2 * 2, dtype=float).reshape(3, 2, 2)
    tiled = figures.mosaic_array(maps, n_cols=2, normalize="each")
    assert tiled.shape == (5, 5)
    assert np.isnan(tiled[2]).all() and np.isnan(tiled[:, 2]).all()  # the gaps
    assert tiled[0, 0] == 0 and tiled[1, 1] == 1  # each map scaled by its own max
    assert np.isnan(tiled[3:, 3:]).all()  # no fourth map


def test_mosaic_image_colours_kernels_around_white_zero():
    kernels = np.array([[[-1.0, 0.0], [0.0, 1.0]]])
    rgb = figures.mosaic(kernels, signed=True, width=20)
    assert rgb.shape == (20, 20, 3) and rgb.dtype == np.uint8
    lut = figures._lut("RdBu")
    assert (rgb[0, 0] == lut[0]).all() and (rgb[-1, -1] == lut[-1]).all()
    assert rgb[0, -1].min() > 230  # 0 is (nearly) white


def test_softmax_bars_colour_the_truth_and_a_wrong_guess():
    probs = np.array([0.1, 0.7, 0.2])
    fig = figures.softmax_bars(probs, "t", true_class=2)
    colors = fig.data[0].marker.color
    assert colors[1] == figures.PREDICTED and colors[2] == figures.TRUE_CLASS
    right = figures.softmax_bars(probs, "t", true_class=1).data[0].marker.color
    assert right[1] == figures.TRUE_CLASS and figures.PREDICTED not in right


def test_curves_one_colour_and_one_legend_entry_per_series():
    panels = [("J", {"a": ([1, 2], [3, 2]), "b": ([1, 2], [4, 3])}), ("acc", {"b": ([1], [0.5])})]
    fig = figures.curves(panels, "epoch", unit_panels=(2,))
    assert len(fig.data) == 3
    b_traces = [tr for tr in fig.data if tr.name == "b"]
    assert b_traces[0].line.color == b_traces[1].line.color != fig.data[0].line.color
    assert [tr.showlegend for tr in fig.data] == [True, True, False]
    assert tuple(fig.layout.yaxis2.range) == (0, 1.02)


def test_signed_image_is_grey_without_negative_values():
    assert figures.signed_image(np.ones((3, 3)), "t").data[0].colorscale[0][1] == "#ffffff"
    assert figures.signed_image(-np.eye(3), "t").data[0].zmid == 0


def test_lecture_presets():
    assert by_hand.lecture_image(5).tolist()[0] == [1, 1, 1, 0, 0]
    assert by_hand.lecture_image(3).shape == (3, 3) and by_hand.lecture_image(7)[5:].sum() == 0
    assert by_hand.lecture_kernel(3).tolist() == [[1, 0, 1], [0, 1, 0], [1, 0, 1]]
    assert by_hand.size_formula(5, 3, 1, 0).endswith("= 3")
    assert by_hand.size_formula(5, 3, 0, 0).endswith(r"{\text{?}}")
    assert by_hand.size_formula(5, 7, 1, 0).endswith("{-1}")  # impossible: coloured


def png(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def test_uploads_become_bright_ink_on_dark():
    paper = np.full((60, 40), 255, dtype=np.uint8)
    paper[10:50, 18:22] = 0  # a dark "1" on white paper
    grey = draw.decode_upload(png(paper))
    assert grey.shape == (60, 40) and grey[30, 20] == 1.0 and grey[0, 0] == 0.0
    rgb = np.zeros((20, 20, 3), dtype=np.uint8)
    rgb[5:15, 9:11] = 255  # light ink on black, in colour
    assert draw.decode_upload(png(rgb))[10, 10] == 1.0


@pytest.mark.parametrize("raw", [b"not a picture", b""])
def test_unreadable_uploads_are_a_value_error(raw):
    with pytest.raises(ValueError):
        draw.decode_upload(raw)


def test_preset_is_a_thresholded_test_digit():
    grid = draw.preset(1)
    assert grid.shape == (draw.GRID, draw.GRID) and grid.dtype == bool
    assert 5 < grid.sum() < 80
