"""Softmax and logistic-regression lab: from scores to probabilities, live (lecture: SOFTMAX)."""

import streamlit as st

from ui import common, text
from ui.softmax import logistic, multiclass, ova, playground

T = text.load("softmax")
common.setup_page(T)
engine = common.engine_picker("softmax_engine")
sections = (logistic.section, playground.section, multiclass.section, ova.section)
# Bound to the URL: a reload or a shared link opens the same tab, and only the open tab runs.
tabs = st.tabs(T["tabs"], key="tab", bind="query-params")
for tab, section in zip(tabs, sections, strict=True):
    if tab.open:
        with tab:
            section(T, engine)
