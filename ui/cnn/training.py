"""A CNN that learns, live: its first-layer kernels, feature maps, softmax output and curves.

The session's run (settings + BatchTrainer + a running flag) lives in st.session_state[RUN_KEY].
While running, a fragment ticks every TICK_S seconds and trains a slice of an epoch per tick, so
the page stays responsive; changing any setting starts a fresh run.
"""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from engine.cnn_spec import CNNSpec
from engine.cnn_trainer import BatchTrainer, make_cnn
from ui import numbers
from ui.cnn import data, figures, live
from ui.common import KEEP, chart, one_run_at_a_time, user_errors

RUN_KEY = "cnn_run"
TICK_S = 0.5
TICKS_PER_EPOCH = {"digits": 3, "mnist": 10}
BATCH_SIZE = 32
FILTERS = (2, 4, 8, 16)
LEARNING_RATES = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
LAMBDAS = (0.0, 0.001, 0.01, 0.1, 1.0, 10.0)
OPTIMIZERS = ("adam", "momentum", "sgd")
DEFAULTS = {
    "dataset": "digits",
    "n_F": 8,
    "blocks": 2,
    "k": 3,
    "pool": "max",
    "optimizer": "adam",
    "lr": 0.01,
    "lam": 0.0,
}
EPOCHS = {"digits": 15, "mnist": 3}


@dataclass
class CNNRun:
    """One session's training run: the settings it was built from, the trainer, play state."""

    config: dict
    trainer: BatchTrainer
    epochs: int = 15  # the run stops after this many epochs (changing it keeps the run)
    running: bool = False

    @property
    def finished(self) -> bool:
        return self.trainer.epoch >= self.epochs or self.trainer.diverged

    def tick(self) -> None:
        data.train_slice(self.trainer, TICKS_PER_EPOCH[self.config["dataset"]])

    def start(self) -> None:
        self.running = not self.finished


def spec_of(config: dict) -> CNNSpec:
    """Block l has n_F·2^(l−1) filters (8, 16, ...), as most small CNNs double them."""
    filters = tuple(config["n_F"] * 2**l for l in range(config["blocks"]))
    size = data.IMAGE_SIZE[config["dataset"]]
    return CNNSpec(
        in_size=size, filters=filters, k=config["k"], pool=config["pool"], lam=config["lam"]
    )


def new_run(config: dict, epochs: int) -> CNNRun:
    model = make_cnn(spec_of(config), config["backend"], config["device"])
    trainer = BatchTrainer(
        model, data.load(config["dataset"]), config["optimizer"], config["lr"], BATCH_SIZE
    )
    return CNNRun(config, trainer, epochs)


def current_run(config: dict, epochs: int) -> CNNRun:
    """The session's run, rebuilt when the settings differ from the ones it was built with."""
    run = st.session_state.get(RUN_KEY)
    if run is None or run.config != config:
        run = st.session_state[RUN_KEY] = new_run(config, epochs)
    run.epochs = epochs
    return run


def stored_config(engine: tuple[str, str]) -> dict:
    """The settings as the controls last left them (or the defaults), without drawing them."""
    config = {name: st.session_state.get(f"cnn_{name}", value) for name, value in DEFAULTS.items()}
    return {**config, "backend": engine[0], "device": engine[1]}


def stored_epochs(dataset: str) -> int:
    return st.session_state.get(f"cnn_epochs_{dataset}", EPOCHS[dataset])


def settings(T: dict, engine: tuple[str, str]) -> tuple[dict, int]:
    """The controls: data set, architecture, α, λ and optimizer, then the number of epochs.

    Each control keeps its value for the whole session (persist_state), so visiting another tab
    and coming back finds the same settings and the same trained network.
    """
    t = T["train"]
    c = st.columns([1.3, 1, 0.8, 0.8, 1, 1, 1.2, 1, 1])
    config = {
        "dataset": c[0].radio(
            t["dataset"], data.DATASETS, format_func=lambda d: t["datasets"][d],
            key="cnn_dataset", **KEEP,
        ),
        "n_F": c[1].select_slider(
            t["n_F"], FILTERS, DEFAULTS["n_F"], key="cnn_n_F", help=t["n_F_help"], **KEEP
        ),
        "blocks": c[2].radio(
            t["blocks"], (1, 2), index=1, key="cnn_blocks", help=t["blocks_help"], **KEEP
        ),
        "k": c[3].radio(t["k"], (3, 5), key="cnn_k", format_func=lambda k: f"{k}x{k}", **KEEP),
        "pool": c[4].radio(
            t["pool"], ("max", "avg"), format_func=lambda m: T["pool"]["modes"][m],
            key="cnn_pool", **KEEP,
        ),
        "optimizer": c[5].selectbox(
            t["optimizer"], OPTIMIZERS, format_func=lambda o: t["optimizers"][o],
            key="cnn_optimizer", **KEEP,
        ),
        "lr": c[6].select_slider(t["lr"], LEARNING_RATES, DEFAULTS["lr"], key="cnn_lr", **KEEP),
        "lam": c[7].select_slider(
            t["lam"], LAMBDAS, DEFAULTS["lam"], key="cnn_lam", help=t["lam_help"], **KEEP
        ),
        "backend": engine[0],
        "device": engine[1],
    }  # fmt: skip
    dataset = config["dataset"]
    epochs = c[8].number_input(
        t["epochs"], 1, 100, EPOCHS[dataset], key=f"cnn_epochs_{dataset}", **KEEP
    )
    return config, epochs


def _reset() -> None:
    st.session_state.pop(RUN_KEY, None)


def _one_epoch(run: CNNRun) -> None:
    run.running = False
    with one_run_at_a_time(), data.one_blas_thread():
        run.trainer.run_epoch()
        run.trainer.record()


def training_section(T: dict, engine: tuple[str, str]) -> None:
    t = T["train"]
    st.markdown(t["intro"])
    with user_errors():
        config, epochs = settings(T, engine)
        run = current_run(config, epochs)
        buttons = st.container(horizontal=True)
        live.play_pause(
            buttons, run, t["play"], t["pause"], "cnn_train_play", disabled=run.finished
        )
        buttons.button(
            t["one_epoch"],
            key="cnn_train_epoch",
            on_click=_one_epoch,
            args=(run,),
            disabled=run.trainer.diverged,
        )
        buttons.button(t["reset"], key="cnn_train_reset", on_click=_reset)
        live.live_panel(run, TICK_S, lambda: draw(run, T))


def draw(run: CNNRun, T: dict) -> None:
    """Progress, metrics, kernels with their timeline, softmax, curves and feature maps."""
    t, trainer = T["train"], run.trainer
    progress(run, t)
    left, middle, right = st.columns([1, 1, 2])
    with left:
        kernel_timeline(run, t)
    with middle:
        x = chosen_image(trainer, t)
    with right:
        curves(trainer.history, t)
    feature_maps(trainer.model, x, T, t["fm_header"])


def progress(run: CNNRun, t: dict) -> None:
    """The epoch's progress bar and the run's numbers."""
    trainer, h = run.trainer, run.trainer.history
    if trainer.pos == 0 and trainer.epoch > 0:  # an epoch has just ended
        epoch, fraction = trainer.epoch, 1.0
    else:
        epoch, fraction = trainer.epoch + 1, trainer.pos / trainer.m
    text = t["progress"].format(epoch=epoch, epochs=run.epochs, pct=round(100 * fraction))
    st.progress(fraction, text=text)
    if trainer.diverged:
        st.warning(t["diverged"])
    m = st.columns(5)
    m[0].metric(t["m_acc"], numbers.percent(h["test_acc"][-1]) if h["test_acc"] else "–")
    m[1].metric(t["m_loss"], numbers.fixed(h["test_loss"][-1], 3) if h["test_loss"] else "–")
    m[2].metric(t["m_epochs"], numbers.fixed(trainer.epochs_done, 2))
    m[3].metric(t["m_params"], numbers.count(trainer.spec.n_params()))
    m[4].metric(t["m_seconds"], f"{numbers.fixed(trainer.seconds, 1)} s")


def chosen_image(trainer: BatchTrainer, t: dict) -> np.ndarray:
    """Pick a test image; show the network's softmax output for it. Returns it as (n, n)."""
    sample = st.number_input(
        t["sample"], 0, len(trainer.y_test) - 1, 0, key="cnn_sample", **KEEP, help=t["sample_help"]
    )
    n = trainer.spec.in_size
    x = trainer.X_test[sample].reshape(n, n)  # (n, n)
    probs = trainer.model.predict(x[None])[0]  # (K,)
    label = int(trainer.y_test[sample])
    title = t["softmax"].format(pred=int(probs.argmax()), true=label)
    chart(figures.softmax_bars(probs, title, label), key="cnn_train_softmax")
    return x


def curves(h: dict, t: dict) -> None:
    """Training and test loss, and test accuracy, against epochs."""
    if not h["epoch"]:
        st.info(t["no_history"])
        return
    x = h["epoch"]
    losses = {t["train_loss"]: (x, h["loss"]), t["test_loss"]: (x, h["test_loss"])}
    accuracy = {t["test_acc"]: (x, h["test_acc"])}
    panels = [(t["loss_title"], losses), (t["acc_title"], accuracy)]
    fig = figures.curves(panels, t["epoch_axis"], unit_panels=(2,))
    chart(fig, key="cnn_train_curves")


def kernel_timeline(run: CNNRun, t: dict) -> None:
    """The first layer's kernels now, or at any recorded moment (scrub back when paused)."""
    trainer = run.trainer
    kernels, times = trainer.kernels, [0.0, *trainer.history["epoch"]]
    i = len(kernels) - 1
    if len(kernels) > 1:
        labels = [f"{e:.2f}" for e in times]
        i = st.select_slider(
            t["timeline"],
            options=range(len(kernels)),
            value=i,
            format_func=lambda j: labels[j],
            key=f"cnn_timeline_{len(kernels)}",
            **KEEP,
            disabled=run.running,
            help=t["timeline_help"],
        )
    st.markdown(t["kernels_title"].format(epoch=times[i]))
    now, change = kernels[i], kernels[i] - kernels[0]
    peak = float(np.abs(now).max())  # one colour scale for both pictures
    left, right = st.columns(2)
    left.image(figures.mosaic(now, n_cols=4, signed=True, width=160, peak=peak))
    left.caption(t["kernels_now"])
    right.image(figures.mosaic(change, n_cols=4, signed=True, width=160, peak=peak))
    right.caption(t["kernels_change"])
    st.caption(t["kernels_caption"])


def feature_maps(model, x: np.ndarray, T: dict, header: str) -> None:
    """An image, then what each layer makes of it (one map per filter)."""
    t = T["train"]
    maps = model.feature_maps(x[None])
    st.markdown(header)
    cols = st.columns(1 + len(maps))
    cols[0].markdown(t["fm_input"])
    cols[0].image(figures.mosaic(x[None], width=200, colorscale="Greys"))
    for col, (name, A) in zip(cols[1:], maps.items(), strict=True):
        col.markdown(t["fm_names"][name[0]].format(l=name[1:], n=A.shape[1], size=A.shape[2]))
        col.image(figures.mosaic(A[0], n_cols=4, width=260))
