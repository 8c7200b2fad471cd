"""Softmax and logistic-regression lab: from scores to probabilities, live (lecture: SOFTMAX)."""

from ui import common, links, text
from ui.softmax import logistic, multiclass, ova, playground

T = text.load("softmax")
common.setup_page(T)
engine = common.engine_picker("softmax_engine")
sections = (logistic.section, playground.section, multiclass.section, ova.section)
# In the URL: a reload or a shared link opens the same tab, and only the open tab runs.
tabs = links.url_tabs(T["tabs"], key="softmax_tab")
for tab, section in zip(tabs.values(), sections, strict=True):
    if tab.open:
        with tab:
            section(T, engine)
