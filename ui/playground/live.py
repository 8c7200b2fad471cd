"""The live panel: Play / Pause / Step / Reset, and one fragment that trains a few epochs per tick
and redraws the network, the big view and the loss curves (DESIGN.md, Live animation).

The pictures and the numbers above them are drawn in the browser by a canvas component
(live_view/): a Plotly chart is rebuilt from scratch on every update in Streamlit 1.67, and every
Streamlit element redrawn in a tick costs the browser time, so a tick sends one element: the frame.
"""

import time
from bisect import bisect_left
from dataclasses import replace
from pathlib import Path

import streamlit as st

from ui import common, numbers, presenter, text
from ui.common import KEEP
from ui.playground import config as cf
from ui.playground import views
from ui.playground.run import Run, build_run, train

RUN, RUNNING, FOCUS = "pg_run", "pg_running", "pg_focus"
TICK_S = 0.1  # how often the browser asks for a tick; a slower tick is followed at once
PICTURES = 3  # pictures per tick, each `speed` epochs after the last; the browser spaces them out
BUDGET_S = 0.04  # training time per picture (at least one epoch)
ASSETS = Path(__file__).parent / "live_view"
JS_FILES = ("helpers.js", "view.js", "network.js", "plane.js", "curves.js")  # one module
# The canvases and their drawing code, mounted outside the fragment (sent once per page run) ...
LIVE_VIEW = st.components.v2.component(
    "neurona_playground_view",
    html=(ASSETS / "view.html").read_text(),
    css=(ASSETS / "view.css").read_text(),
    js="\n".join((ASSETS / name).read_text() for name in JS_FILES),
)
# ... and a few lines that hand each frame to them, mounted inside the fragment (every frame).
FRAME_JS = """
export default function ({ data }) {
  const hub = (globalThis.neuronaPlayground ??= { view: null, pending: null });
  if (hub.view) hub.view.update(data);
  else hub.pending = data;
}
"""
LIVE_FRAME = st.components.v2.component("neurona_playground_frame", js=FRAME_JS)


def current_run(config: cf.PlaygroundConfig) -> Run:
    """The session's run, rebuilt (at epoch 0) when a setting that defines the run changed."""
    run = st.session_state.get(RUN)
    if run is None or run.config.run_key() != config.run_key():
        run = build_run(config)
        st.session_state[RUN] = run
        st.session_state[FOCUS] = "output"
    run.config = config  # the view settings (speed, test points, discretize) apply at once
    return run


def toolbar(run: Run, T: dict) -> cf.PlaygroundConfig:
    """Play/Pause, Step, Reset and the view settings; returns the run's configuration with the
    view settings as drawn on this run."""
    t, keep = T["controls"], common.KEEP
    running = st.session_state.get(RUNNING, False)
    stopped = run.trainer.divergence is not None
    cols = st.columns([1.2, 1, 1.2, 2.6, 1.7, 1.7], vertical_alignment="bottom")
    # Two buttons, not one that flips: a click that reaches the server twice (coalesced with an
    # animation tick) must not pause and then play again.
    if running:
        cols[0].button(t["pause"], key="pg_pause", type="primary", on_click=play, args=(False,))
    else:
        cols[0].button(
            t["play"], key="pg_play", type="primary", on_click=play, args=(True,), disabled=stopped
        )
    cols[1].button(
        t["step"], key="pg_step", help=t["step_help"], on_click=step, disabled=running or stopped
    )
    cols[2].button(t["reset"], key="pg_reset", help=t["reset_help"], on_click=reset)
    view = {
        "speed": cols[3].select_slider(
            t["speed"], cf.SPEEDS, key="pg_speed", help=t["speed_help"], **keep
        ),
        "show_test": cols[4].toggle(t["show_test"], key="pg_show_test", **keep),
    }
    if run.config.task != "regression":
        view["discretize"] = cols[5].toggle(
            t["discretize"], key="pg_discretize", help=t["discretize_help"], **keep
        )
    return replace(run.config, **view)


def play(running: bool) -> None:
    st.session_state[RUNNING] = running


def step() -> None:
    with common.one_run_at_a_time():
        train(st.session_state[RUN], 1, BUDGET_S)


def reset() -> None:
    st.session_state[RUN] = build_run(st.session_state[RUN].config)
    st.session_state[RUNNING] = False


def panel(run: Run, T: dict) -> None:
    """The canvases and what they show; the fragment that feeds them reruns alone every TICK_S
    while playing and sends nothing but the new frame."""
    if run.trainer.divergence is not None:
        d = run.trainer.divergence
        st.error(T["notices"][d.reason].format(epoch=d.epoch, lr=run.config.lr))
    features = [T["features"]["names"][f] for f in run.config.features]
    words = {
        "text": {**T["view"], "features": features},
        "colors": views.COLORS,
        "locale": text.current_lang(),  # the canvas writes its numbers the reader's way
        "present": presenter.is_presenting(),  # then the views fit one projector screen
    }
    LIVE_VIEW(data=words, key="pg_view", on_focus_change=focus_clicked)
    st.caption(f"{T['legend_data'][run.config.task]} {T['legend']}")
    view_choices(run, T)

    @st.fragment(run_every=TICK_S if st.session_state.get(RUNNING) else None)
    def frames() -> None:
        live = st.session_state[RUN]
        with common.one_run_at_a_time(), common.user_errors():
            if st.session_state.get(RUNNING):
                data = training_frame(live, T)
            else:
                data = still_frame(live, T)
            LIVE_FRAME(data=data, key="pg_frame", height=0)
        if live.trainer.divergence is not None and st.session_state.get(RUNNING):
            st.session_state[RUNNING] = False
            st.rerun()  # the whole page: the message, the Play button and the timer

    frames()


def view_choices(run: Run, T: dict) -> None:
    """When paused, a slider back through the run; always, what the big view shows."""
    s, trainer = T["status"], run.trainer
    left, right = st.columns([3, 2])
    if not st.session_state.get(RUNNING) and trainer.epoch > 0:
        epochs = sorted({*(e for e, _ in trainer.snapshots), trainer.epoch})
        left.select_slider(
            s["replay"],
            epochs,
            value=trainer.epoch,
            key=replay_key(run),
            **KEEP,
            help=s["replay_help"],
        )
    choices = focus_choices(run, T)
    if st.session_state.get(FOCUS) not in choices:
        st.session_state[FOCUS] = "output"
    right.selectbox(s["focus"], list(choices), format_func=choices.get, key=FOCUS, **KEEP)


def replay_key(run: Run) -> str:
    """A new replay slider (starting at the latest epoch) for every epoch reached."""
    return f"pg_replay_{run.trainer.epoch}"


def training_frame(run: Run, T: dict) -> dict:
    """One tick while playing: up to PICTURES pictures, each `speed` epochs further on (fewer
    when slow epochs use up the tick's time, so that Pause still answers quickly)."""
    focus = parse_focus(st.session_state.get(FOCUS, "output"))
    deadline = time.perf_counter() + PICTURES * BUDGET_S
    pictures = []
    for _ in range(PICTURES):
        if pictures and time.perf_counter() > deadline:
            break
        train(run, run.config.speed, BUDGET_S)
        pictures.append(labelled(views.picture(run, run.trainer.epoch, focus), run, focus, T))
        if run.trainer.divergence is not None:
            break
    return {**views.scene(run, focus), "pictures": pictures}


def still_frame(run: Run, T: dict) -> dict:
    """Paused: the network now, or as it was at the epoch the replay slider shows."""
    focus = parse_focus(st.session_state.get(FOCUS, "output"))
    data = views.frame(run, st.session_state.get(replay_key(run)), focus)
    data["pictures"] = [labelled(p, run, focus, T) for p in data["pictures"]]
    return data


def labelled(picture: dict, run: Run, focus: tuple[int, int] | None, T: dict) -> dict:
    """A picture with its numbers and its big view's title."""
    picture["big"].update(big_labels(run, focus, T))
    picture["stats"] = stats(run, picture["epoch"], T)
    return picture


def stats(run: Run, epoch: int, T: dict) -> list[list[str]]:
    """[label, value] of the epoch, train and test loss, and accuracy (R² for regression)."""
    s, h = T["status"], run.trainer.history
    i = bisect_left(h.epoch, epoch)
    if run.config.task == "regression":
        score = [s["r2"], numbers.fixed(h.test_score[i], 3)]
    else:
        score = [s["accuracy"], numbers.percent(h.test_score[i], 1)]
    return [
        [s["epoch"], str(epoch)],
        [s["train_loss"], numbers.fixed(h.train_loss[i], 4)],
        [s["test_loss"], numbers.fixed(h.test_loss[i], 4)],
        score,
    ]


def focus_choices(run: Run, T: dict) -> dict[str, str]:
    """What the big view can show: the output, an input feature, or a hidden neuron."""
    s = T["status"]
    choices = {"output": s["focus_output"]}
    for j, f in enumerate(run.config.features):
        choices[f"0,{j}"] = s["focus_input"].format(feature=T["features"]["names"][f])
    for layer, width in enumerate(run.config.hidden, start=1):
        for j in range(width):
            choices[f"{layer},{j}"] = s["focus_neuron"].format(layer=layer, neuron=j + 1)
    return choices


def parse_focus(choice: str) -> tuple[int, int] | None:
    if choice == "output":
        return None
    layer, neuron = choice.split(",")
    return int(layer), int(neuron)


def focus_clicked() -> None:
    """A click on a neuron in the diagram: show it in the big view (again: back to the output)."""
    clicked = st.session_state["pg_view"].get("focus") or "output"
    st.session_state[FOCUS] = clicked


def big_labels(run: Run, focus: tuple[int, int] | None, T: dict) -> dict[str, str]:
    """The big view's title and the name of the value its hover shows."""
    v = T["view"]
    if focus is None:
        return {"title": v["output_title"], "value_label": v["output_value"]}
    layer, j = focus
    if layer == 0:
        feature = T["features"]["names"][run.config.features[j]]
        return {"title": v["input_title"].format(feature=feature), "value_label": feature}
    title = v["neuron_title"].format(layer=layer, neuron=j + 1)
    return {"title": title, "value_label": v["neuron_value"]}
