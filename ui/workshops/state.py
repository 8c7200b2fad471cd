"""The Workshops lab's session state: its configuration (from and to the URL, one session key) and
the live gradient-descent runs with their Play/Pause/Step/Reset buttons.

On a session's first run, and when a link changed the URL (a preset), the widgets are filled from
the URL (`load_url`). Each run builds the configuration from the values the widget calls returned
(a tab's widgets are drawn only while it is open; the others keep the last configuration's value),
keeps it in the session and writes it back to the URL (`remember`).
"""

import functools
from collections.abc import Callable

import streamlit as st

from ui import common, links, numbers
from ui.workshops import config as cf

TICK_S = 0.25
PLAY_ICON, PAUSE_ICON = ":material/play_arrow:", ":material/pause:"
STEP_ICON, RESET_ICON = ":material/skip_next:", ":material/restart_alt:"


def widget_values(cfg: cf.WorkshopsConfig, T: dict) -> dict[str, object]:
    """The widget states that show `cfg`."""
    return {
        "ws_tab": T["tabs"][cfg.tab],
        "ws_hf": list(cfg.house_features),
        "ws_scale": cfg.scale,
        "ws_lr": cfg.lr,
        "ws_speed": cfg.speed,
        "ws_data": cfg.path_data,
        "ws_pf": list(cfg.path_features),
        "ws_degree": cfg.degree,
        "ws_r": cfg.l1_ratio,
        "ws_lam": numbers.fmt(cfg.lam, 6),
        "ws_cf": list(cfg.credit_features),
        "ws_threshold": cfg.threshold,
    }


URL = links.UrlConfig("ws", cf.from_query, cf.to_query, widget_values, cf.DEFAULT)
load_url, config, remember, show_notices = URL.load, URL.config, URL.remember, URL.show_notices


# ---- live runs -------------------------------------------------------------------------------


def get_run(key: str, run_config: tuple, build: Callable):
    """The session's run for a section; built again (paused) when its configuration changed."""
    run = st.session_state.get(key)
    if run is None or run.config != run_config:
        run = build(run_config)
        st.session_state[key] = run
    return run


def is_running(key: str) -> bool:
    return st.session_state.get(f"{key}_running", False)


def set_running(key: str, running: bool) -> None:
    st.session_state[f"{key}_running"] = running


def step_once(key: str) -> None:
    st.session_state[f"{key}_running"] = False
    st.session_state[f"{key}_steps"] = st.session_state.get(f"{key}_steps", 0) + 1


def reset(key: str) -> None:
    st.session_state.pop(key, None)
    st.session_state[f"{key}_running"] = False


def steps_to_take(key: str, speed: int) -> int:
    """Steps for this frame: `speed` while running, plus one for each Step pressed."""
    return (speed if is_running(key) else 0) + st.session_state.pop(f"{key}_steps", 0)


def buttons(key: str, T: dict) -> None:
    """Play or Pause, Step (one gradient step) and Reset; keys end as ui/presenter.py expects."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        if is_running(key):
            st.button(T["pause"], key=f"{key}_pause", type="primary", icon=PAUSE_ICON,
                      on_click=set_running, args=(key, False))  # fmt: skip
        else:
            st.button(T["play"], key=f"{key}_play", type="primary", icon=PLAY_ICON,
                      on_click=set_running, args=(key, True), help=T["play_help"])  # fmt: skip
        st.button(T["step"], key=f"{key}_step", icon=STEP_ICON, on_click=step_once, args=(key,),
                  help=T["step_help"])  # fmt: skip
        st.button(T["reset"], key=f"{key}_reset", icon=RESET_ICON, on_click=reset, args=(key,),
                  help=T["reset_help"])  # fmt: skip


def stop_if_diverged(key: str, diverged_at: int | None, T: dict) -> None:
    """Say that α made J blow up and stop the section (only a full rerun ends the fragment's
    timer: hence st.rerun())."""
    if diverged_at is None:
        return
    st.warning(T["diverged"].format(step=diverged_at))
    if is_running(key):
        set_running(key, False)
        st.rerun()


def live(key: str, panel: Callable, *args) -> None:
    """The panel as a fragment that reruns every TICK_S seconds while the section runs; it holds
    the session's training lock while it trains and draws."""

    @functools.wraps(panel)
    def exclusive_panel(*panel_args) -> None:
        with common.one_run_at_a_time():
            panel(*panel_args)

    st.fragment(exclusive_panel, run_every=TICK_S if is_running(key) else None)(*args)
