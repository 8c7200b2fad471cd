"""Live panels: a fragment that, while its state is running, ticks on a timer and redraws itself.

Three things on the page play this way: the by-hand convolution and pooling (one window per tick)
and the two training panels (a slice of an epoch per tick). Each keeps a state object in
st.session_state with `running`, `finished`, `tick()` and `start()`. The buttons that start or stop
it live outside the fragment: their callbacks set `running`, the page reruns and the fragment's
timer is switched on or off (run_every can only change on a full rerun).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import streamlit as st

from ui.common import one_run_at_a_time, user_errors

PLAY_DELAY_S = 0.9  # one window of the by-hand convolution per tick


class LiveState(Protocol):
    running: bool

    @property
    def finished(self) -> bool: ...

    def tick(self) -> None: ...

    def start(self) -> None: ...


def pause(state: LiveState) -> None:
    state.running = False


def play_pause(
    container, state: LiveState, play: str, pause_: str, key: str, disabled: bool = False
) -> None:
    """One button: Pause while running, else Play.

    Each callback sets the state rather than flipping it, so a click that reaches the server
    twice (while a timer tick is under way) cannot undo itself.
    """
    if state.running:
        container.button(pause_, key=key, on_click=pause, args=(state,), type="primary")
    else:
        container.button(play, key=key, on_click=state.start, type="primary", disabled=disabled)


def live_panel(state: LiveState, interval: float, draw: Callable[[], None]) -> None:
    """While state.running: every `interval` seconds, state.tick() then draw(); stop when done."""

    @st.fragment(run_every=interval if state.running else None)
    def _panel() -> None:
        with one_run_at_a_time(), user_errors():
            if state.running:
                state.tick()
            draw()
            if state.running and state.finished:
                state.running = False
                st.rerun()  # the whole page, so that the timer stops and the buttons update

    _panel()


@dataclass
class Playback:
    """Which step of a by-hand computation is shown, and whether it plays on its own."""

    n_steps: int
    step: int = 0
    running: bool = False

    @property
    def finished(self) -> bool:
        return self.step >= self.n_steps - 1

    def tick(self) -> None:
        self.step = min(self.step + 1, self.n_steps - 1)

    def move(self, delta: int) -> None:
        self.step, self.running = min(max(self.step + delta, 0), self.n_steps - 1), False

    def start(self) -> None:
        if self.finished:
            self.step = 0  # play again from the start
        self.running = True

    def reset(self) -> None:
        self.step, self.running = 0, False


def playback(key: str, n_steps: int) -> Playback:
    """The session's playback under `key`, fitted to the current number of steps."""
    pb = st.session_state.setdefault(key, Playback(n_steps))
    pb.n_steps, pb.step = n_steps, min(pb.step, n_steps - 1)
    return pb


def controls(key: str, pb: Playback, T: dict) -> None:
    """Previous / Next / Play (Pause) / Reset."""
    row = st.container(horizontal=True)
    row.button(T["prev"], key=f"{key}_prev", on_click=pb.move, args=(-1,), disabled=pb.step == 0)
    row.button(T["next"], key=f"{key}_next", on_click=pb.move, args=(1,), disabled=pb.finished)
    play_pause(row, pb, T["play"], T["pause"], f"{key}_play")
    row.button(T["reset"], key=f"{key}_reset", on_click=pb.reset)


def stepper(key: str, n_steps: int, T: dict, draw_step: Callable[[int], None]) -> None:
    """Buttons, then the current step drawn by draw_step(i), advancing while playing."""
    pb = playback(key, n_steps)
    controls(key, pb, T)
    live_panel(pb, PLAY_DELAY_S, lambda: draw_step(pb.step))
