"""Neuron and backprop lab: one neuron, the activation gallery, why non-linearity, backprop step
by step on the XOR workshop net, and what initialization and depth do to the gradient."""

import streamlit as st

from ui import common, text
from ui.backprop import TABS

T = text.load("backprop")
common.setup_page(T)

labels = [T["tabs"][key] for key in TABS]
tabs = st.tabs(labels, key="backprop_tab", on_change="rerun", bind="query-params")
for tab, draw in zip(tabs, TABS.values(), strict=True):
    with tab:
        if tab.open:
            with common.user_errors():
                draw(T)
