"""Neurona's home page: the Playground (train a network live and watch the boundary form)."""

from ui.playground import page

page.main()
