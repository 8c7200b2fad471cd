"""The live panel: Play / Pause / Step / Reset, and one fragment that trains a few epochs per tick
and redraws the network, the big view and the loss curves (DESIGN.md, Live animation).

The pictures are drawn in the browser by a small canvas component (live_view.js): a Plotly chart
is rebuilt from scratch on every update in Streamlit 1.67, which costs far more than a frame.
"""

from pathlib import Path

import streamlit as st

from ui import common
from ui.playground import config as cf
from ui.playground import views
from ui.playground.run import Run, build_run, train

RUN, RUNNING, FOCUS = "pg_run", "pg_running", "pg_focus"
TICK_S = 0.04  # how often the browser asks for a frame; a slower frame is followed at once
BUDGET_S = 0.06  # training time per frame (at least one epoch); the rest is drawing
ASSETS = Path(__file__).parent
# The canvases and their drawing code, mounted outside the fragment (sent once per page run) ...
LIVE_VIEW = st.components.v2.component(
    "neurona_playground_view",
    html=(ASSETS / "live_view.html").read_text(),
    css=(ASSETS / "live_view.css").read_text(),
    js=(ASSETS / "live_view.js").read_text(),
)
# ... and a few lines that hand each frame to them, mounted inside the fragment (every frame).
FRAME_JS = """
export default function ({ data, setStateValue }) {
  const hub = (globalThis.neuronaPlayground ??= { view: null, pending: null });
  hub.setStateValue = setStateValue;
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


def toolbar(run: Run, T: dict) -> None:
    t = T["controls"]
    running = st.session_state.get(RUNNING, False)
    stopped = run.trainer.divergence is not None
    cols = st.columns([1.2, 1, 1.2, 2.6, 1.7, 1.7], vertical_alignment="bottom")
    cols[0].button(
        t["pause"] if running else t["play"],
        key="pg_play",
        type="primary",
        on_click=toggle_play,
        disabled=stopped,
        width="stretch",
    )
    cols[1].button(
        t["step"], key="pg_step", help=t["step_help"], on_click=step, disabled=running or stopped
    )
    cols[2].button(t["reset"], key="pg_reset", help=t["reset_help"], on_click=reset)
    cols[3].select_slider(t["speed"], cf.SPEEDS, key="pg_speed", help=t["speed_help"])
    cols[4].toggle(t["show_test"], key="pg_show_test")
    if run.config.task != "regression":
        cols[5].toggle(t["discretize"], key="pg_discretize", help=t["discretize_help"])


def toggle_play() -> None:
    st.session_state[RUNNING] = not st.session_state.get(RUNNING, False)


def step() -> None:
    train(st.session_state[RUN], 1, BUDGET_S)


def reset() -> None:
    st.session_state[RUN] = build_run(st.session_state[RUN].config)
    st.session_state[RUNNING] = False


def panel(T: dict) -> None:
    """The fragment that animates: it reruns every TICK_S while playing, and alone."""
    status = st.container()  # messages and numbers, rewritten by the fragment
    LIVE_VIEW(key="pg_view")
    st.caption(T["legend"])

    @st.fragment(run_every=TICK_S if st.session_state.get(RUNNING) else None)
    def live_panel() -> None:
        run = st.session_state[RUN]
        if st.session_state.get(RUNNING):
            train(run, run.config.speed, BUDGET_S)
            if run.trainer.divergence is not None:
                st.session_state[RUNNING] = False
                st.rerun()  # the whole page: the Play button and the timer must stop too
        with common.user_errors():
            draw(run, status, T)

    live_panel()


def draw(run: Run, status, T: dict) -> None:
    """Status, the frame for the canvases, and the replay slider and the big-view choice."""
    trainer, running = run.trainer, st.session_state.get(RUNNING, False)
    if trainer.divergence is not None:
        d = trainer.divergence
        status.error(T["notices"][d.reason].format(epoch=d.epoch, lr=run.config.lr))
    replay_key = f"pg_replay_{trainer.epoch}"  # a new slider (at the latest epoch) per epoch
    epoch = None if running else st.session_state.get(replay_key)
    focus_options = focus_choices(run, T)
    if st.session_state.get(FOCUS) not in focus_options:
        st.session_state[FOCUS] = "output"
    focus = parse_focus(st.session_state[FOCUS])
    data = views.frame(run, epoch, focus)
    with status:
        metrics(run, data["epoch"], T)
    data["big"].update(big_labels(run, focus, T))
    features = [T["features"]["names"][f] for f in run.config.features]
    data["text"] = {**T["view"], "features": features}
    data["colors"] = views.COLORS
    LIVE_FRAME(data=data, key="pg_frame", on_focus_change=focus_clicked, height=0)
    left, right = st.columns([3, 2])
    if not running and trainer.epoch > 0:
        epochs = sorted({*(e for e, _ in trainer.snapshots), trainer.epoch})
        s = T["status"]
        left.select_slider(
            s["replay"], epochs, value=trainer.epoch, key=replay_key, help=s["replay_help"]
        )
    right.selectbox(
        T["status"]["focus"], list(focus_options), format_func=focus_options.get, key=FOCUS
    )


def metrics(run: Run, epoch: int, T: dict) -> None:
    """Epoch, train and test loss, and accuracy (R² for regression) at the epoch shown."""
    s, h = T["status"], run.trainer.history
    i = h.epoch.index(epoch)
    score_label = s["r2"] if run.config.task == "regression" else s["accuracy"]
    score = h.test_score[i]
    shown = f"{score:.3f}" if run.config.task == "regression" else f"{100 * score:.1f} %"
    cols = st.columns(4)
    cols[0].metric(s["epoch"], epoch)
    cols[1].metric(s["train_loss"], f"{h.train_loss[i]:.4f}")
    cols[2].metric(s["test_loss"], f"{h.test_loss[i]:.4f}")
    cols[3].metric(score_label, shown)


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
    clicked = st.session_state["pg_frame"].get("focus") or "output"
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
