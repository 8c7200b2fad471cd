"""CNN lab: convolution and pooling by hand, then a CNN that learns its own kernels on digits."""

import streamlit as st

from ui import text
from ui.cnn import by_hand, kernels, training
from ui.common import setup_page

T = text.load("cnn")
setup_page(T)

tabs = T["tabs"]
conv_tab, pool_tab, kernels_tab, train_tab = st.tabs(
    [tabs["conv"], tabs["pool"], tabs["kernels"], tabs["train"]], key="cnn_tab", bind="query-params"
)
if conv_tab.open:
    with conv_tab:
        by_hand.convolution_section(T)
if pool_tab.open:
    with pool_tab:
        by_hand.pooling_section(T)
if kernels_tab.open:
    with kernels_tab:
        kernels.kernels_section(T)
if train_tab.open:
    with train_tab:
        training.training_section(T)
