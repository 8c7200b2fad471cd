"""Common problems lab: class imbalance (undersampling, oversampling, SMOTE, class weights) and
overfitting (L2, early stopping, data augmentation, more data), trained live (seeds 002, 003)."""

from dataclasses import replace

import streamlit as st

from ui import common, text
from ui.problems import imbalance, overfit, state

T = text.load("problems")
common.setup_page(T)
SECTIONS = {"imbalance": imbalance.section, "overfit": overfit.section}

with common.user_errors():
    state.load_url(T)  # setup_page drew the lecture presets (T["presets"])
    state.show_notices()
    cfg = state.config()
    st.caption(T["engine_note"])
    labels = [T["tabs"][name] for name in SECTIONS]
    # Only the open tab runs; its label comes back from the URL's tab=imbalance|overfit.
    tabs = st.tabs(labels, key="pb_tab", on_change="rerun")
    for name, tab in zip(SECTIONS, tabs, strict=True):
        if tab.open:
            with tab:
                cfg = SECTIONS[name](T, replace(cfg, tab=name))
    state.remember(cfg)
