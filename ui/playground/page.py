"""The Playground page (app.py): settings in the sidebar, the live panel, the engine code below."""

import streamlit as st

from engine.numpy_backend.mlp import MLP
from engine.trainer import Trainer
from ui import common
from ui.playground import controls, live


def main(T: dict) -> None:
    """Everything below the page's title, intro and formulas."""
    with common.user_errors():
        controls.load_url(T)
        for notice in st.session_state.pop(controls.NOTICES, []):
            st.warning(notice)
        config = controls.sidebar(T)
        with common.one_run_at_a_time():  # a tick still training from before waits for this
            run = live.current_run(config)
            run.config = live.toolbar(run, T)  # the view settings apply at once
            controls.remember(run.config)
            live.panel(run, T)
    common.show_code(MLP.forward, MLP.backward, Trainer.run_epoch)
