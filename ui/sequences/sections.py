"""Streamlit sections of the sequence lab: sidebar settings, the live panel, the lag comparison.

The session's run (config, trainer, play flag) lives in st.session_state[KEY]; the live panel is
one fragment that, while playing, runs a few training steps per tick and redraws itself.
"""

from dataclasses import dataclass, replace

import numpy as np
import streamlit as st

from engine.numpy_backend.rnn import MODELS
from engine.seq_trainer import SeqConfig, SeqTrainer, compare_lag, lag_sweep
from engine.sequences import TASKS
from ui import common, numbers, presenter
from ui.common import KEEP
from ui.links import bound, choice, flag, number, write_flag
from ui.sequences import figures

KEY = "seq_run"
TICK_S = 0.4  # seconds between frames while playing
TICK_BUDGET_S = 1.0  # at most this long training per frame, however large the model
DEFAULT_LENGTH = {"remember": 10, "brackets": 24, "anbn": 24, "sine": 40, "text": 24}
LEARNING_RATES = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
BATCHES = (8, 16, 32, 64, 128, 256)
CLIPS = (0.0, 1.0)  # the comparison trains without and with clipping at norm 1
SWEEP_LAGS = (1, 2, 4, 6, 8, 12, 16, 20)
URL_MAX = 1_000_000  # a link's numbers above this are malformed; the engine bounds the rest


@dataclass
class RunState:
    """One session's live run."""

    cfg: SeqConfig
    trainer: SeqTrainer
    running: bool = False
    example: int = 0  # seed of the example sequence shown


def sidebar(T: dict) -> tuple[SeqConfig, int]:
    """The run settings (in the URL, so that a link replays the same run) and steps per frame."""
    S, sb = T["sidebar"], st.sidebar
    c = dict(zip(("backend", "device"), common.engine_picker("seq_engine"), strict=True))
    sb.header(S["header"])
    c["task"] = task = bound(
        sb.selectbox,
        S["task"],
        TASKS,
        format_func=S["tasks"].get,
        key="seq_task",
        read=choice(TASKS),
        help=S["task_help"],
    )
    c["model"] = bound(
        sb.radio,
        S["model"],
        list(MODELS),
        1,
        horizontal=True,
        key="seq_model",
        read=choice(MODELS),
        help=S["model_help"],
    )
    c["length"] = int(
        bound(
            sb.number_input,
            S["length"][task],
            1,
            value=DEFAULT_LENGTH[task],
            key=f"seq_len_{task}",
            read=number(1, URL_MAX, int),
        )
    )
    if task == "text":
        c["text"] = sb.text_area(
            S["text"], S["default_text"], key="seq_text", **KEEP, help=S["text_help"]
        )
    c["n_h"] = int(
        bound(
            sb.number_input,
            S["hidden"],
            1,
            value=16,
            key="seq_hidden",
            read=number(1, URL_MAX, int),
            help=S["hidden_help"],
        )
    )
    opts = S["optimizers"]
    c["optimizer"] = bound(
        sb.selectbox,
        S["optimizer"],
        list(opts),
        2,
        format_func=opts.get,
        key="seq_opt",
        read=choice(opts),
    )
    c["lr"] = bound(
        sb.select_slider,
        S["lr"],
        LEARNING_RATES,
        value=0.01,
        key="seq_lr",
        read=choice(LEARNING_RATES),
    )
    c["clip"] = 0.0
    if bound(
        sb.checkbox,
        S["clip_on"],
        value=True,
        key="seq_clip_on",
        read=flag,
        write=write_flag,
        help=S["clip_help"],
    ):
        c["clip"] = float(
            bound(
                sb.number_input,
                S["clip"],
                0.01,
                value=1.0,
                key="seq_clip",
                read=number(0.01, URL_MAX),
            )
        )
    c["batch"] = bound(
        sb.select_slider, S["batch"], BATCHES, value=64, key="seq_batch", read=choice(BATCHES)
    )
    c["gain"] = bound(
        sb.slider,
        S["gain"],
        0.25,
        3.0,
        1.0,
        0.05,
        key="seq_gain",
        read=number(0.25, 3.0),
        help=S["gain_help"],
    )
    c["seed"] = int(
        bound(sb.number_input, S["seed"], 0, value=0, key="seq_seed", read=number(0, URL_MAX, int))
    )
    k = sb.slider(S["steps_per_tick"], 1, 50, 10, key="seq_k", **KEEP)
    return SeqConfig(**c), k  # fmt: skip


def run_state(cfg: SeqConfig) -> RunState:
    """The session's run; a changed configuration starts a new one (paused)."""
    run = st.session_state.get(KEY)
    if run is None or run.cfg != cfg:
        run = RunState(cfg, SeqTrainer(cfg))
        st.session_state[KEY] = run
    return run


def set_running(flag: bool) -> None:
    st.session_state[KEY].running = flag


def reset() -> None:
    run = st.session_state[KEY]
    st.session_state[KEY] = RunState(run.cfg, SeqTrainer(run.cfg), example=run.example)


def step_once(k: int) -> None:
    with common.one_run_at_a_time():
        st.session_state[KEY].trainer.step(k)


def controls(T: dict, run: RunState, k: int) -> None:
    """Play/Pause, Step and Reset: callbacks that flip the session's flag (a full rerun)."""
    L = T["live"]
    if not presenter.is_presenting():  # on a projector the six gate maps get the screen
        st.subheader(L["header"])
        st.markdown(T["tasks"][run.cfg.task])
    cols = st.columns([1, 1, 1, 5])
    if run.running:
        cols[0].button(L["pause"], on_click=set_running, args=(False,), key="seq_pause")
    else:
        cols[0].button(
            L["play"], on_click=set_running, args=(True,), key="seq_play", type="primary"
        )
    cols[1].button(L["step"], on_click=step_once, args=(k,), key="seq_step", disabled=run.running)
    cols[2].button(L["reset"], on_click=reset, key="seq_reset")


def live_panel(T: dict, k: int) -> None:
    """The fragment that trains k steps per tick while playing and redraws every live view."""
    running = st.session_state[KEY].running

    @st.fragment(run_every=TICK_S if running else None)
    def panel():
        run = st.session_state[KEY]
        with common.one_run_at_a_time():
            if run.running:
                run.trainer.step(k, max_seconds=TICK_BUDGET_S, stop=lambda: not run.running)
                if run.trainer.diverged:
                    run.running = False
                    st.rerun(scope="app")
            with common.user_errors():
                draw_live(T, run)

    panel()


def draw_live(T: dict, run: RunState) -> None:
    L, F, trainer = T["live"], T["fig"], run.trainer
    metric = "accuracy" if trainer.task.classes else "r2"
    h = trainer.history
    presenting = presenter.is_presenting()
    # On a projector the gate maps come first, all six in one screen; the numbers under them.
    views = st.container() if presenting else None
    cols = st.columns(4)
    cols[0].metric(L["steps"], numbers.count(trainer.steps))
    cols[1].metric(L["loss"], numbers.fixed(h["loss"][-1], 4) if h["loss"] else "–")
    score = trainer.accuracy
    shown_score = numbers.percent(score) if metric == "accuracy" else numbers.fixed(score, 3)
    cols[2].metric(L[metric], shown_score)
    cols[3].metric(L["grad_norm"], numbers.fmt(h["grad_norm"][-1]) if h["grad_norm"] else "–")
    if trainer.diverged:
        st.error(L["diverged"])
    k = timeline(L, trainer, run.running)
    inputs = probe_input(L, run)
    probe = trainer.probe(inputs, k)
    views = views or st.container()
    left, right = views.columns([3, 2], gap="medium")
    with left:
        shown = min(trainer.cfg.n_h, 32)
        gates = figures.gate_heatmaps(
            probe["gates"], probe["tokens"], F, shown, row_px=72 if presenting else 130
        )
        common.chart(gates, key="seq_gates")
        st.caption(L["gates_caption"])
        if shown < trainer.cfg.n_h:
            st.caption(L["units_shown"].format(shown=shown, total=trainer.cfg.n_h))
    with right:
        fig = figures.input_and_output(probe, trainer.task.vocab, trainer.task.classes, F)
        common.chart(fig, key="seq_io")
        if h["step"]:
            step = trainer.snapshots[k][0]
            common.chart(figures.training_curves(h, metric, F, step), key="seq_curves")
        else:
            st.info(L["no_steps"])
        common.chart(
            figures.grad_flow(trainer.grad_profile(k), F, trainer.cfg.model), key="seq_flow"
        )


def timeline(L: dict, trainer: SeqTrainer, running: bool) -> int:
    """A slider over the kept snapshots, shown while paused; playing shows the latest. Returns
    the snapshot index. (A slider whose options grow every tick is a new widget every tick,
    and the browser then blanks the charts below it while the tick runs.)

    Each step reached gets its own slider, created at that step through `value=`: setting a
    kept slider's value through st.session_state instead races with the browser, which can
    keep the old value and then ignore the user's move back to it."""
    steps = [s for s, _ in trainer.snapshots]
    if running:
        st.caption(L["timeline_running"].format(step=steps[-1]))
    if running or len(steps) == 1:
        return len(steps) - 1
    chosen = st.select_slider(
        L["timeline"],
        steps,
        value=steps[-1],
        key=f"seq_timeline_{steps[-1]}",
        **KEEP,
        help=L["timeline_help"],
    )
    return steps.index(chosen)


def new_example(key: str, task) -> None:
    run = st.session_state[KEY]
    run.example += 1
    if task.vocab:
        st.session_state[key] = "".join(task.tokens(run.trainer.example(run.example)[0]))


def probe_input(L: dict, run: RunState) -> np.ndarray:
    """The sequence to inspect: typed with the task's tokens (checked), or a drawn example."""
    task, trainer = run.trainer.task, run.trainer
    key = f"seq_probe_{task.key}_{task.T}_{len(task.vocab)}"
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    right.button(L["new_example"], on_click=new_example, args=(key, task), key="seq_new_example")
    if not task.vocab:
        left.caption(f"{L['example']} {run.example}")
        return trainer.example(run.example)
    if key not in st.session_state:
        st.session_state[key] = "".join(task.tokens(trainer.example(run.example)[0]))
    tokens = " ".join(repr(t) for t in task.vocab)
    typed = left.text_input(L["probe"].format(tokens=tokens), key=key, **KEEP, help=L["probe_help"])
    return task.encode(typed)


@st.cache_data(max_entries=128, show_spinner=False)
def remember_run(cfg: SeqConfig, steps: int) -> dict:
    """One remember-a-bit run of cfg.model at cfg.clip (cached: the same settings, the same run)."""
    return compare_lag(cfg, steps, models=(cfg.model,), clips=(cfg.clip,))[cfg.model][cfg.clip]


@st.cache_data(max_entries=128, show_spinner=False)
def sweep_run(cfg: SeqConfig, lag: int, steps: int) -> float:
    return lag_sweep(cfg, [lag], steps)[0]


def comparison(T: dict, cfg: SeqConfig) -> None:
    """RNN vs LSTM vs GRU on remember-a-bit (with and without clipping) and the RNN's lag sweep."""
    C, F = T["compare"], T["fig"]
    st.header(C["header"])
    st.markdown(C["intro"])
    st.caption(C["settings_note"])
    cols = st.columns(3)
    lag = cols[0].number_input(C["lag"], min_value=1, value=20, key="seq_cmp_lag", **KEEP)
    steps = cols[1].number_input(
        C["steps"], min_value=50, max_value=5000, value=1500, step=50, key="seq_cmp_steps", **KEEP
    )
    gain = cols[2].slider(
        C["gain"], 0.25, 3.0, 1.0, 0.05, key="seq_cmp_gain", **KEEP, help=C["gain_help"]
    )
    base = replace(
        cfg, task="remember", length=int(lag), text="", gain=gain, model="LSTM", clip=0.0
    )
    SeqTrainer(replace(base, model="RNN"))  # checks the lag and sizes before any long run
    clip_labels = {0.0: C["without_clip"], 1.0: C["with_clip"]}
    if st.button(C["button"], key="seq_cmp_go", type="primary"):
        st.session_state["seq_cmp"] = (base, steps)
    if st.session_state.get("seq_cmp") == (base, steps):
        runs = [(name, clip) for name in MODELS for clip in CLIPS]
        bar = st.progress(0.0)
        results: dict = {name: {} for name in MODELS}
        for done, (name, clip) in enumerate(runs):
            text = C["running"].format(
                model=name, clip=clip_labels[clip], done=done + 1, total=len(runs)
            )
            bar.progress(done / len(runs), text=text)
            results[name][clip] = remember_run(replace(base, model=name, clip=clip), int(steps))
        bar.empty()
        cols = st.columns(len(MODELS))
        for col, name in zip(cols, MODELS, strict=True):
            for clip in CLIPS:
                col.markdown(
                    C["result"].format(
                        model=name, acc=results[name][clip]["final"], clip=clip_labels[clip]
                    )
                )
        left, right = st.columns(2)
        common.chart(
            figures.comparison_curves(results, F, clip_labels), key="seq_cmp_curves", where=left
        )
        common.chart(
            figures.gradient_profiles(results, F, clip_labels), key="seq_cmp_profiles", where=right
        )
        right.caption(C["profiles_caption"])
    sweep(T, replace(base, model="RNN"), int(steps))


def sweep(T: dict, cfg: SeqConfig, steps: int) -> None:
    C = T["compare"]
    if st.button(C["sweep_button"], key="seq_sweep_go"):
        st.session_state["seq_sweep"] = (cfg, steps)
    if st.session_state.get("seq_sweep") != (cfg, steps):
        return
    bar = st.progress(0.0)
    accuracies = []
    for done, lag in enumerate(SWEEP_LAGS):
        bar.progress(
            done / len(SWEEP_LAGS),
            text=C["sweep_running"].format(lag=lag, done=done + 1, total=len(SWEEP_LAGS)),
        )
        accuracies.append(sweep_run(cfg, lag, steps))
    bar.empty()
    common.chart(figures.lag_sweep(SWEEP_LAGS, accuracies, T["fig"]), key="seq_sweep_fig")
    st.caption(C["sweep_caption"])
