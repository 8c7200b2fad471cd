"""Step-by-step playback: Previous / Next / Play / Reset over the steps of a computation.

The step number and the play flag live in st.session_state under `<key>_step` and `<key>_playing`.
The buttons are outside the fragment (their callbacks change the flags, then the page reruns, which
turns the fragment's timer on or off); the panel that draws the current step is a fragment that,
while playing, moves one step forward on every tick and stops at the last step.
"""

from collections.abc import Callable

import streamlit as st

PLAY_DELAY_S = 0.9


def _keys(key: str) -> tuple[str, str]:
    return f"{key}_step", f"{key}_playing"


def _move(key: str, delta: int, n_steps: int) -> None:
    step, playing = _keys(key)
    st.session_state[step] = min(max(st.session_state[step] + delta, 0), n_steps - 1)
    st.session_state[playing] = False


def _toggle_play(key: str, n_steps: int) -> None:
    step, playing = _keys(key)
    if not st.session_state[playing] and st.session_state[step] >= n_steps - 1:
        st.session_state[step] = 0  # play again from the start
    st.session_state[playing] = not st.session_state[playing]


def _reset(key: str) -> None:
    step, playing = _keys(key)
    st.session_state[step], st.session_state[playing] = 0, False


def controls(key: str, n_steps: int, T: dict) -> None:
    """The four buttons; the step is clamped to the current number of steps."""
    step, playing = _keys(key)
    st.session_state.setdefault(step, 0)
    st.session_state.setdefault(playing, False)
    st.session_state[step] = min(st.session_state[step], n_steps - 1)
    at = st.session_state[step]
    row = st.container(horizontal=True)
    row.button(
        T["prev"], key=f"{key}_prev", on_click=_move, args=(key, -1, n_steps), disabled=at == 0
    )
    row.button(
        T["next"],
        key=f"{key}_next",
        on_click=_move,
        args=(key, 1, n_steps),
        disabled=at >= n_steps - 1,
    )
    label = T["pause"] if st.session_state[playing] else T["play"]
    row.button(label, key=f"{key}_play", on_click=_toggle_play, args=(key, n_steps), type="primary")
    row.button(T["reset"], key=f"{key}_reset", on_click=_reset, args=(key,))


def panel(key: str, n_steps: int, draw: Callable[[int], None]) -> None:
    """Draw the current step; while playing, a timer moves it forward one step per tick."""
    step, playing = _keys(key)

    @st.fragment(run_every=PLAY_DELAY_S if st.session_state[playing] else None)
    def _panel() -> None:
        if st.session_state[playing]:
            st.session_state[step] = min(st.session_state[step] + 1, n_steps - 1)
        draw(st.session_state[step])
        if st.session_state[playing] and st.session_state[step] >= n_steps - 1:
            st.session_state[playing] = False
            st.rerun()  # the whole page, so that the fragment's timer stops

    _panel()
