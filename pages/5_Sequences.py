"""Sequences lab: RNN, LSTM and GRU trained live on tasks with a known answer, every gate shown."""

import streamlit as st

from engine import seq_trainer, sequences
from engine.numpy_backend import rnn
from ui import common, presenter, text
from ui.sequences import sections

T = text.load("sequences")
common.setup_page(T)
if not presenter.is_presenting():
    st.caption(T["formulas_note"])

cfg, steps_per_tick = sections.sidebar(T)
run = None
with common.user_errors():
    run = sections.run_state(cfg)
if run is not None:
    sections.controls(T, run, steps_per_tick)
    sections.live_panel(T, steps_per_tick)
    with common.user_errors():
        sections.comparison(T, cfg)

model = rnn.MODELS[cfg.model]
common.show_code(
    model, rnn.Recurrent, rnn.sequence_loss, seq_trainer.SeqTrainer.step, sequences.remember
)
