"""The Playground page: settings in the sidebar, the live panel in the middle, the code below."""

import streamlit as st

from engine.numpy_backend.mlp import MLP
from engine.trainer import Trainer
from ui import common, text
from ui.playground import controls, live


def main() -> None:
    T = text.load("playground")
    common.setup_page(T)
    with common.user_errors():
        controls.load_url(T)
        for notice in st.session_state.pop(controls.NOTICES, []):
            st.warning(notice)
        controls.sidebar(T)
        run = live.current_run(controls.current_config())
        live.toolbar(run, T)
        live.panel(T)
    common.show_code(MLP.forward, MLP.backward, Trainer.run_epoch)
