"""Neurona's home page: the Playground (train a network live and watch the boundary form)."""

from ui import common, text
from ui.playground import page

T = text.load("playground")
common.setup_page(T)
page.main(T)
