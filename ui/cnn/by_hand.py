"""Convolution and pooling by hand: the lecture's 5x5 image and 3x3 filter, one window at a time."""

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from engine import conv
from ui import common
from ui.cnn import figures, live
from ui.common import KEEP, user_errors

LECTURE_IMAGE = np.array(
    [[int(c) for c in row] for row in ("11100", "01110", "00111", "00110", "01100")]
)
POOL_EXAMPLE = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])


def lecture_image(n: int) -> np.ndarray:
    """The lecture's 5x5 image, cropped or padded with zeros to n x n."""
    img = np.zeros((n, n), dtype=int)
    m = min(n, 5)
    img[:m, :m] = LECTURE_IMAGE[:m, :m]
    return img


def lecture_kernel(k: int) -> np.ndarray:
    """The lecture's 3x3 filter 101/010/101 is a checkerboard; the same pattern for any k."""
    i, j = np.indices((k, k))
    return ((i + j) % 2 == 0).astype(int)


def grid_editor(values: np.ndarray, key: str, binary: bool) -> np.ndarray:
    """An editable grid: checkboxes for a binary image, numbers for a kernel."""
    columns = [str(j) for j in range(values.shape[1])]
    frame = pd.DataFrame(values.astype(bool) if binary else values.astype(float), columns=columns)
    column = st.column_config.CheckboxColumn if binary else st.column_config.NumberColumn
    config = {c: column(width=40 if binary else 56) for c in columns}
    edited = st.data_editor(frame, key=key, hide_index=True, column_config=config, width="content")
    return edited.to_numpy(dtype=float)


def size_formula(n: int, k: int, s: int, p: int) -> str:
    """(n + 2p − k)/s + 1 with the numbers put in; an impossible size is shown in vermillion."""
    value = (n + 2 * p - k) / s + 1 if s > 0 else float("nan")
    valid = np.isfinite(value) and value >= 1 and value == int(value)
    shown = f"{value:g}" if np.isfinite(value) else r"\text{?}"
    if not valid:
        shown = rf"\color{{{figures.PREDICTED}}}{{{shown}}}"
    numbers = rf"\frac{{{n} + {2 * p} - {k}}}{{{s}}} + 1"
    return rf"n_{{out}} = \frac{{n + 2p - k}}{{s}} + 1 = {numbers} = {shown}"


def convolution_section(T: dict) -> None:
    t = T["conv"]
    st.markdown(t["intro"])
    sizes = st.columns(5)
    n = sizes[0].number_input(t["n"], 2, 9, 5, key="cnn_conv_n", **KEEP, help=t["n_help"])
    k = sizes[1].number_input(t["k"], 1, 9, 3, key="cnn_conv_k", **KEEP, help=t["k_help"])
    s = sizes[2].number_input(t["s"], 0, 5, 1, key="cnn_conv_s", **KEEP, help=t["s_help"])
    p = sizes[3].number_input(t["p"], 0, 3, 0, key="cnn_conv_p", **KEEP, help=t["p_help"])
    b = sizes[4].number_input(t["b"], -9.0, 9.0, 0.0, 1.0, key="cnn_conv_b", **KEEP)
    st.latex(size_formula(n, k, s, p))
    stage = st.container()  # the stepper, drawn above the editors that feed it
    image_col, kernel_col = st.columns(2)
    with image_col:
        st.caption(t["image_editor"])
        image = grid_editor(lecture_image(n), f"cnn_conv_image_{n}", binary=True)
    with kernel_col:
        st.caption(t["kernel_editor"])
        kernel = grid_editor(lecture_kernel(k), f"cnn_conv_kernel_{k}", binary=False)
    with stage, user_errors():
        trace = conv.conv_trace(image, kernel, b, s, p)
        draw = partial(_draw_conv_step, trace, kernel, p, b, t)
        live.stepper("cnn_conv", len(trace.steps), T["stepper"], draw)


def _draw_conv_step(
    trace: conv.Trace, kernel: np.ndarray, pad: int, b: float, t: dict, i: int
) -> None:
    step, k, n_out = trace.steps[i], kernel.shape[0], trace.out.shape[0]
    st.markdown(t["step"].format(**_step_words(step, k, i, len(trace.steps))))
    out = np.full((n_out, n_out), np.nan)
    for done in trace.steps[: i + 1]:
        out[done.row, done.col] = done.value
    n_pad = trace.padded.shape[0]
    image, kern, prod, result = st.columns([1.3, 0.9, 0.9, 1.1])
    frame = (pad, pad, n_pad - 2 * pad) if pad else None
    common.chart(
        figures.grid(
            trace.padded,
            t["fig_image"],
            window=(step.top, step.left, k),
            weights=kernel,
            frame=frame,
            colorscale=figures.GREYS,
            zmin=0,
            zmax=1,
        ),
        key="cnn_conv_fig_image",
        where=image,
    )
    common.chart(
        figures.grid(kernel, t["fig_kernel"], signed=True), key="cnn_conv_fig_kernel", where=kern
    )
    common.chart(
        figures.grid(step.products, t["fig_products"], signed=True),
        key="cnn_conv_fig_products",
        where=prod,
    )
    common.chart(
        figures.grid(
            out,
            t["fig_output"],
            window=(step.row, step.col, 1),
            zmin=np.nanmin(trace.out) - 1,
            zmax=np.nanmax(trace.out),
        ),
        key="cnn_conv_fig_output",
        where=result,
    )
    st.latex(_sum_latex(step, kernel, b))


def _step_words(step: conv.Step, k: int, i: int, n_steps: int) -> dict:
    """The numbers the step sentence needs (window rows and columns in the padded image)."""
    return {
        "i": i + 1,
        "n": n_steps,
        "row_span": f"{step.top}–{step.top + k - 1}",
        "col_span": f"{step.left}–{step.left + k - 1}",
        "row": step.row,
        "col": step.col,
        "value": figures.fmt(step.value),
    }


def _sum_latex(step: conv.Step, kernel: np.ndarray, b: float) -> str:
    """Z_{i,j} = Σ patch ⊙ kernel + b, written out term by term for small kernels."""
    lhs = rf"Z_{{{step.row},{step.col}}}"
    f = figures.fmt
    if kernel.size <= 9:
        terms = " + ".join(
            rf"{f(x)}\cdot{f(w)}" for x, w in zip(step.patch.ravel(), kernel.ravel(), strict=True)
        )
    else:
        terms = r"\sum_{u,v} x_{u,v}\, w_{u,v} = " + f(step.value - b)
    return rf"{lhs} = {terms} + {f(b)} = {f(step.value)}"


def pooling_section(T: dict) -> None:
    t = T["pool"]
    st.markdown(t["intro"])
    left, right = st.columns([1, 2.4], gap="large")
    with left:
        mode = st.radio(
            t["mode"],
            ("max", "avg"),
            format_func=lambda m: t["modes"][m],
            horizontal=True,
            key="cnn_pool_mode",
            **KEEP,
        )
        st.caption(t["editor"])
        image = grid_editor(POOL_EXAMPLE, "cnn_pool_image", binary=False)
    with right, user_errors():
        trace = conv.pool_trace(image, 2, 2, mode)
        draw = partial(_draw_pool_step, trace, mode, t)
        live.stepper("cnn_pool", len(trace.steps), T["stepper"], draw)


def _draw_pool_step(trace: conv.Trace, mode: str, t: dict, i: int) -> None:
    step, n_out = trace.steps[i], trace.out.shape[0]
    st.markdown(t["step"].format(**_step_words(step, 2, i, len(trace.steps))))
    out = np.full((n_out, n_out), np.nan)
    for done in trace.steps[: i + 1]:
        out[done.row, done.col] = done.value
    left, right = st.columns(2)
    common.chart(
        figures.grid(trace.padded, t["fig_input"], window=(step.top, step.left, 2)),
        key="cnn_pool_fig_in",
        where=left,
    )
    common.chart(
        figures.grid(
            out,
            t["fig_output"],
            window=(step.row, step.col, 1),
            zmin=np.nanmin(trace.padded),
            zmax=np.nanmax(trace.padded),
        ),
        key="cnn_pool_fig_out",
        where=right,
    )
    values = ", ".join(figures.fmt(x) for x in step.patch.ravel())
    op = r"\max" if mode == "max" else r"\operatorname{mean}"
    st.latex(rf"P_{{{step.row},{step.col}}} = {op}({values}) = {figures.fmt(step.value)}")
