"""Workshops lab: the lectures' house price with one neuron, Ridge/Lasso/ElasticNet paths, and
logistic regression on credit default (seeds 001 and 002)."""

from dataclasses import replace

import streamlit as st

from ui import common, text
from ui.workshops import credit, house, regularization, state

T = text.load("workshops")
common.setup_page(T)
engine = common.engine_picker("ws_engine")
SECTIONS = {"house": house.section, "paths": regularization.section, "credit": credit.section}

with common.user_errors():
    state.load_url(T)  # setup_page drew the lecture presets (T["presets"])
    state.show_notices()
    cfg = state.config()
    labels = [T["tabs"][name] for name in SECTIONS]
    # Only the open tab runs; its label comes back from the URL's tab=house|paths|credit.
    tabs = st.tabs(labels, key="ws_tab", on_change="rerun")
    for name, tab in zip(SECTIONS, tabs, strict=True):
        if tab.open:
            with tab:
                cfg = SECTIONS[name](T, replace(cfg, tab=name), engine)
    state.remember(cfg)
