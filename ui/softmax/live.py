"""Live training for the softmax lab: per-session runs, Play/Pause/Step/Reset, shared controls.

A run (model, trainer, data) lives in st.session_state under the section's key and is rebuilt when
its configuration changes. Play/Pause/Step/Reset are buttons whose callbacks flip session flags;
the section's panel is one @st.fragment that ticks every TICK_S seconds while running and trains
a few epochs per tick (DESIGN.md, "Live animation").
"""

import functools
from collections.abc import Callable

import streamlit as st

from engine.datasets import MAX_CLASSES, DataSpec, featurize, make_dataset
from ui import common
from ui.links import bound, choice, number, several, write_several

TICK_S = 0.3
EPOCHS_PER_TICK = (1, 2, 5, 10)
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
PLAY_ICON, PAUSE_ICON = ":material/play_arrow:", ":material/pause:"
STEP_ICON, RESET_ICON = ":material/skip_next:", ":material/restart_alt:"


def get_run(key: str, config: tuple, build: Callable):
    """The session's run for this section; built again when the configuration changed."""
    run = st.session_state.get(key)
    if run is None or run.config != config:
        run = build(config)
        st.session_state[key] = run
    return run


def is_running(key: str) -> bool:
    return st.session_state.get(f"{key}_running", False)


def toggle(key: str) -> None:
    st.session_state[f"{key}_running"] = not is_running(key)


def step_once(key: str) -> None:
    st.session_state[f"{key}_running"] = False
    st.session_state[f"{key}_steps"] = st.session_state.get(f"{key}_steps", 0) + 1


def reset(key: str) -> None:
    st.session_state.pop(key, None)
    st.session_state[f"{key}_running"] = False


def report_divergence(key: str, divergence, T: dict) -> None:
    """Say that training diverged (θ is back at its last finite epoch) and stop the section.

    Stopping must end the fragment's timer, and only a full rerun can: hence st.rerun()."""
    if divergence is None:
        return
    st.warning(T["diverged"].format(epoch=divergence.epoch))
    if is_running(key):
        st.session_state[f"{key}_running"] = False
        st.rerun()


def buttons(key: str, T: dict) -> bool:
    """Play/Pause, Step (one epoch) and Reset in a row; returns whether the section is running."""
    running = is_running(key)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button(
            T["pause"] if running else T["play"], key=f"{key}_play", type="primary",
            icon=PAUSE_ICON if running else PLAY_ICON, on_click=toggle, args=(key,),
            help=T["play_help"],
        )  # fmt: skip
        st.button(T["step"], key=f"{key}_step", icon=STEP_ICON, on_click=step_once, args=(key,),
                  help=T["step_help"])  # fmt: skip
        st.button(T["reset"], key=f"{key}_reset", icon=RESET_ICON, on_click=reset, args=(key,),
                  help=T["reset_help"])  # fmt: skip
    return running


def epochs_to_train(key: str, per_tick: int) -> int:
    """Epochs for this frame: per_tick while running, plus one for each Step pressed."""
    return (per_tick if is_running(key) else 0) + st.session_state.pop(f"{key}_steps", 0)


def live(key: str, panel: Callable, *args, every: float = TICK_S) -> None:
    """Draw the panel as a fragment that reruns every `every` seconds while the section runs.

    The panel must hold no widget: a number input or a selectable chart inside a ticking fragment
    leaves every Plotly chart of that fragment blank in the browser (Streamlit 1.67)."""

    @functools.wraps(panel)  # the fragment keeps the panel's own name (and id)
    def exclusive_panel(*panel_args) -> None:
        with common.one_run_at_a_time():
            panel(*panel_args)

    st.fragment(exclusive_panel, run_every=every if is_running(key) else None)(*args)


def training_controls(key: str, T: dict, cols: list) -> tuple[float, int]:
    """Learning rate α and epochs per frame, in two of the given columns. Every control of the
    live sections lives in the URL too: a reload or a shared link comes back with the same run."""
    lr = bound(
        cols[0].select_slider,
        T["lr"],
        LEARNING_RATES,
        value=0.03,
        key=f"{key}_lr",
        read=choice(LEARNING_RATES),
        help=T["lr_help"],
    )
    per_tick = bound(
        cols[1].select_slider,
        T["speed"],
        EPOCHS_PER_TICK,
        value=1,
        key=f"{key}_speed",
        read=choice(EPOCHS_PER_TICK),
        help=T["speed_help"],
    )
    return lr, per_tick


def data_controls(key: str, T: dict, names: tuple[str, ...], noise: float, cols: list) -> DataSpec:
    """Dataset, noise and, given a third column, the number of classes (300 points, half train)."""
    name = bound(
        cols[0].selectbox,
        T["dataset"],
        names,
        key=f"{key}_data",
        read=choice(names),
        format_func=lambda n: T["datasets"][n],
    )
    noise = bound(
        cols[1].slider, T["noise"], 0.0, 0.5, noise, 0.05, key=f"{key}_noise", read=number(0.0, 0.5)
    )
    classes = 3
    if len(cols) > 2:
        classes = bound(
            cols[2].slider,
            T["classes"],
            3,
            MAX_CLASSES,
            4,
            key=f"{key}_classes",
            read=number(3, MAX_CLASSES, int),
        )
    return DataSpec(name, 300, noise, 0.5, n_classes=classes, seed=0)


def feature_controls(key: str, T: dict, default: tuple[str, ...]) -> tuple[str, ...]:
    """The input features (pills); x1 and x2 when none is picked."""
    picked = bound(
        st.pills,
        T["features"],
        FEATURES,
        selection_mode="multi",
        default=list(default),
        key=f"{key}_features",
        read=several(FEATURES),
        write=write_several,
        format_func=lambda f: T["feature_names"][f],
        help=T["features_help"],
    )
    return tuple(f for f in FEATURES if f in picked) or ("x1", "x2")


def featurized(spec: DataSpec, features: tuple[str, ...]):
    """The dataset and its chosen features for the train and test points."""
    data = make_dataset(spec)
    return data, featurize(data.X_train, features), featurize(data.X_test, features)
