"""Tabs "One neuron" and "Activation gallery"."""

import numpy as np
import streamlit as st

from engine import activation_gallery as gallery
from engine.backprop_steps import fmt
from engine.numpy_backend.activations import activate, derivative, softmax, softmax_backward
from ui import common, numbers
from ui.backprop import figures
from ui.common import KEEP

Z_GRID = np.linspace(-6, 6, 241)
LECTURE_WEIGHTS = (0.1, 0.2, 0.9)  # z = me·0.1 + siento·0.2 + feliz·0.9
NEURON_ACTIVATIONS = tuple(n for n in gallery.NAMES if n != "softmax")
CARD_PX = 240  # a gallery card's width: three to a row at 1280x720, six at 1920x1080


def neuron_tab(T: dict) -> None:
    N = T["neuron"]
    st.markdown(N["intro"])
    controls, view = st.columns([1, 2], gap="large")
    with controls:
        x, w = np.zeros(3), np.zeros(3)
        x_col, w_col = st.columns(2)
        x_col.markdown(f"**{N['inputs_header']}**")
        w_col.markdown(f"**{N['weights_header']}**")
        for i, (name, w0) in enumerate(zip(N["input_names"], LECTURE_WEIGHTS, strict=True)):
            x[i] = x_col.slider(
                name, -2.0, 2.0, 1.0, 0.1, key=f"bp_x{i}", **KEEP, help=N["input_help"]
            )
            w[i] = w_col.slider(
                f"w · {name}", -2.0, 2.0, w0, 0.05, key=f"bp_w{i}", **KEEP, help=N["weight_help"]
            )
        b = st.slider(N["bias_label"], -3.0, 3.0, 0.0, 0.1, key="bp_b", **KEEP, help=N["bias_help"])
        name = st.selectbox(
            N["activation_label"],
            NEURON_ACTIVATIONS,
            index=NEURON_ACTIVATIONS.index("sigmoid"),
            format_func=lambda n: T["gallery"]["names"][n],
            key="bp_activation",
            **KEEP,
        )
    z, a = gallery.neuron(x, w, b, name)
    with view:
        st.markdown(f"**{N['result_header']}**")
        terms = " + ".join(f"{fmt(xi)} \\cdot {fmt(wi)}" for xi, wi in zip(x, w, strict=True))
        st.latex(rf"z = \mathbf{{w}} \cdot \mathbf{{x}} + b = {terms} + {fmt(b)} = {fmt(z)}")
        st.latex(rf"a = f(z) = f({fmt(z)}) = {fmt(a)}")
        st.latex(gallery.entry(name).formula)
        curve_col, bars_col = st.columns([3, 2])
        A, dA = gallery.curve(name, Z_GRID)
        fig = figures.activation_curve(
            Z_GRID, A, dA, tuple(N["curve_names"]), N["curve_title"], point=(z, a), height=340
        )
        common.chart(fig, key="bp_neuron_curve", where=curve_col)
        bars = figures.contributions(N["input_names"], w * x, N["bars_title"], height=340)
        common.chart(bars, key="bp_neuron_bars", where=bars_col)
    common.show_code(gallery.neuron, gallery.curve, activate, derivative)


def gallery_tab(T: dict) -> None:
    G = T["gallery"]
    st.markdown(G["intro"])
    with st.container(horizontal=True, wrap=True, gap="small"):  # as many to a row as fit
        for entry in gallery.GALLERY:
            with st.container(border=True, width=CARD_PX):
                activation_card(G, entry)
    st.subheader(G["jacobian_header"])
    st.markdown(G["jacobian_intro"])
    a = np.array(gallery.LECTURE_LOGITS)
    left, _ = st.columns([1, 2])
    probs = numbers.format_list(softmax(a))
    left.caption(G["softmax_caption"].format(probs=f"[{probs}]"))
    J = gallery.softmax_jacobian(a)
    common.chart(
        figures.matrix_heatmap(J, G["jacobian_title"], height=320), key="bp_jacobian", where=left
    )
    common.show_code(gallery.curve, gallery.softmax_jacobian, derivative, softmax_backward)


def activation_card(G: dict, entry: gallery.Activation) -> None:
    st.markdown(f"**{G['names'][entry.name]}**")
    A, dA = gallery.curve(entry.name, Z_GRID)
    fig = figures.activation_curve(Z_GRID, A, dA, tuple(G["curve_names"]), height=230)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10}, showlegend=False)
    common.chart(fig, key=f"bp_gallery_{entry.name}")
    st.latex(entry.formula)
    st.latex(entry.derivative)
    st.markdown(f"{G['range_label']} ${entry.range}$")
    st.markdown(G["usable"] if entry.trainable else G["not_usable"])
    st.caption(G["reasons"][entry.name])
