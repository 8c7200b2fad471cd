"""Neuron and backprop lab: one neuron, the activation gallery, why non-linearity, backprop step
by step on the XOR workshop net, and what initialization and depth do to the gradient."""

from ui import common, links, text
from ui.backprop import TABS

T = text.load("backprop")
common.setup_page(T)

tabs = links.url_tabs({name: T["tabs"][name] for name in TABS}, key="backprop_tab")
for tab, draw in zip(tabs.values(), TABS.values(), strict=True):
    with tab:
        if tab.open:
            with common.user_errors():
                draw(T)
