"""Tab "Backprop step by step": the XOR workshop net, formula by formula, with the engine's numbers.

The run state (the engine's XOR net, epoch, step shown, playing or not) is one `BackpropRun` in
st.session_state. Previous/Next live inside the fragment (only the panel redraws); Play, Pause,
Reset and Train are outside it, because changing the fragment's run_every needs a full rerun.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import streamlit as st

from engine import backprop_steps as bs
from engine.numpy_backend.mlp import MLP
from engine.params import layout
from ui import common
from ui.backprop import figures
from ui.backprop.diagram import network_diagram
from ui.common import KEEP

KEY = "backprop_run"
LR_OPTIONS = (0.1, 0.3, 1.0, 3.0, 10.0)
SPEEDS = (0.5, 1.0, 2.0, 4.0)
TRAIN_JUMP = 100
NODE_NAMES = [["x₁", "x₂", "x₃"], ["h₁", "h₂", "h₃", "h₄"], ["ŷ"]]


@dataclass
class BackpropRun:
    stepper: bs.XorStepper = field(default_factory=bs.XorStepper)
    playing: bool = False
    check: tuple | None = None  # (epoch, numeric, analytic, relative error) of the last check


def get_run() -> BackpropRun:
    if KEY not in st.session_state:
        st.session_state[KEY] = BackpropRun()
    return st.session_state[KEY]


def on_next() -> None:
    get_run().stepper.next()


def on_previous() -> None:
    get_run().stepper.previous()


def on_reset() -> None:
    seed = int(st.session_state.get("bp_seed", 0))
    run = get_run()
    run.stepper, run.check = bs.XorStepper(run.stepper.lr, seed), None


def on_train() -> None:
    get_run().stepper.train(TRAIN_JUMP)


def on_lr() -> None:
    get_run().stepper.set_lr(st.session_state["bp_lr"])


def on_check() -> None:
    s = get_run().stepper
    get_run().check = (s.epoch, *bs.gradient_check(s.model, s.X, s.Y))


def backprop_tab(T: dict) -> None:
    S = T["stepper"]
    st.markdown(S["intro"])
    with st.expander(S["about_header"]):
        st.markdown(S["about"])
    run = get_run()
    live_panel(T, st.session_state.get("bp_speed", 1.0) if run.playing else None)
    common.show_code(MLP.forward, MLP.backward, bs.trace, bs.XorStepper.train, bs.gradient_check)


def live_panel(T: dict, run_every: float | None) -> None:
    """One fragment: each tick (while playing) shows the next step; buttons redraw only it."""

    @st.fragment(run_every=run_every)
    def panel() -> None:
        run = get_run()
        if run.playing:
            run.stepper.next()
        controls(T["stepper"], run, run_every)
        stepper_view(T, run)

    panel()


def controls(S: dict, run: BackpropRun, run_every: float | None) -> None:
    """Previous, Next, Play, Train, Reset, settings, α and the example, in one row."""
    s = run.stepper
    cols = st.columns([1, 1, 1, 1.3, 1, 0.5, 2, 2.4], vertical_alignment="bottom")
    cols[0].button(
        S["previous"], on_click=on_previous, key="bp_prev", width="stretch", shortcut="Left"
    )
    cols[1].button(S["next"], on_click=on_next, key="bp_next", width="stretch", shortcut="Right")
    if cols[2].button(
        S["pause"] if run.playing else S["play"], key="bp_play", type="primary", width="stretch"
    ):
        run.playing = not run.playing
        st.rerun(scope="app")  # a new run_every needs the whole page to run again
    cols[3].button(S["train"], on_click=on_train, key="bp_train", width="stretch")
    cols[4].button(S["reset"], on_click=on_reset, key="bp_reset", width="stretch")
    with cols[5].popover("⚙", help=S["settings_help"]):
        st.number_input(S["seed_label"], 0, 999, 0, key="bp_seed", **KEEP, help=S["seed_help"])
        speed = st.select_slider(S["speed_label"], SPEEDS, 1.0, key="bp_speed", **KEEP)
    lr = s.lr if s.lr in LR_OPTIONS else 1.0
    cols[6].select_slider(
        S["lr_label"], LR_OPTIONS, lr, key="bp_lr", **KEEP, on_change=on_lr, help=S["lr_help"]
    )
    cols[7].selectbox(
        S["example_label"],
        range(len(s.Y)),
        key="bp_example",
        **KEEP,
        format_func=lambda k: example_text(S, s, k),
    )
    if run.playing and speed != run_every:
        st.rerun(scope="app")


def stepper_view(T: dict, run: BackpropRun) -> None:
    S, s = T["stepper"], run.stepper
    i = st.session_state.get("bp_example", 0)
    step = s.step
    texts = S["steps"][step.key]
    title = texts["title"].format(l=step.layer, next=step.layer + 1)
    st.markdown(
        f"#### {S['status'].format(epoch=s.epoch, step=s.index + 1, n=len(s.steps), title=title)}"
    )
    left, right = st.columns([5, 7], gap="medium")
    with left:
        common.chart(diagram(S, s, i), key="bp_diagram")
        st.caption(S["row_note"])
    with right:
        st.markdown(texts["explain"].format(l=step.layer, next=step.layer + 1))
        st.markdown(f"**{S['formula_header']}**")
        for formula in step.formulas:
            st.latex(formula)
        st.markdown(f"**{S['numbers_header']}**")
        for line in step.plugged:
            st.latex(line)
    loss_col, check_col = st.columns([1, 1], gap="large")
    with loss_col:
        fig = figures.loss_history(
            np.array(s.losses), s.epoch, S["loss_title"], S["epoch_axis"], S["loss_axis"]
        )
        common.chart(fig, key="bp_losses")
    with check_col:
        st.button(S["check_button"], on_click=on_check, key="bp_check", help=S["check_help"])
        show_check(S, run)


def example_text(S: dict, s: bs.XorStepper, k: int) -> str:
    x = ", ".join(f"{v:g}" for v in s.X[k])
    return S["example_option"].format(x=x, y=f"{s.Y[k, 0]:g}")


def diagram(S: dict, s: bs.XorStepper, i: int):
    """The network with example i's numbers known at the current step."""
    values, step = bs.known(s.steps, s.index), s.step
    labels = [[f"x{k + 1} = {s.X[i, k]:g}" for k in range(3)]]
    for l in (1, 2):
        n = s.model.params[f"W{l}"].shape[1]
        labels.append([node_label(values, l, i, j) for j in range(n)])
    labels[2][0] = "<br>".join(filter(None, [labels[2][0], f"y = {s.Y[i, 0]:g}"]))
    edges = {}
    if step.key == "z":
        edges = {step.layer: step.operands["W"]}
    elif step.key == "dA":  # the error flows back along W[l + 1]'s edges
        edges = {step.layer + 1: step.operands["W"]}
    elif step.key == "grads":
        edges = {step.layer: step.results[f"dW{step.layer}"]}
    elif step.key == "update":
        edges = {l: step.results[f"W{l}_new"] for l in (1, 2)}
    weights = [s.model.params["W1"], s.model.params["W2"]]
    phase = S["phase_titles"][step.phase]
    title = S["diagram_title"].format(phase=phase, i=i + 1, example=example_text(S, s, i))
    return network_diagram(weights, NODE_NAMES, labels, step.layer, edges, title)


def node_label(values: dict, l: int, i: int, j: int) -> str:
    lines = []
    for name, symbol in ((f"Z{l}", "z"), (f"A{l}", "a"), (f"dA{l}", "dA"), (f"dZ{l}", "δ")):
        if name in values:
            lines.append(f"{symbol} = {values[name][i, j]:.4g}")
    return "<br>".join(lines)


def show_check(S: dict, run: BackpropRun) -> None:
    if run.check is None or run.check[0] != run.stepper.epoch:
        return
    epoch, numeric, analytic, err = run.check
    st.markdown(S["check_result"].format(err=err, epoch=epoch))
    st.markdown(S["check_ok"] if err < 1e-6 else S["check_bad"])
    names = [
        f"{name}[{','.join(str(k + 1) for k in idx)}]"
        for name, (_, _, shape) in layout(run.stepper.model.shapes).items()
        for idx in np.ndindex(shape)
    ]
    table = pd.DataFrame(
        dict(
            zip(
                S["check_columns"],
                [names, analytic, numeric, np.abs(analytic - numeric)],
                strict=True,
            )
        )
    )
    st.dataframe(table, height=220, hide_index=True)
