"""The lecture's MNIST workshop: the 784-512-10 MLP beside the CNN, trained live on the same data.

Both networks train on the 28x28 MNIST subset with the same optimizer and minibatches; each tick
trains a slice of an epoch of whichever network is behind, so they advance side by side.
"""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from engine.backends import make_mlp
from engine.cnn_spec import CNNSpec
from engine.cnn_trainer import BatchTrainer, make_cnn
from engine.spec import MLPSpec
from ui import numbers
from ui.cnn import data, figures, live
from ui.common import KEEP, chart, user_errors

RUN_KEY = "cnn_workshop"
TICK_S = 0.5
SLICES_PER_EPOCH = 4
CNN_SPEC = CNNSpec(in_size=28, filters=(8, 16), k=3, pool="max")
LR = {"mlp": {"sgd": 0.1, "adam": 0.001}, "cnn": {"sgd": 0.1, "adam": 0.01}}


def mlp_spec(activation: str) -> MLPSpec:
    """The lecture's network: 784 inputs, 512 hidden units (tanh or ReLU), 10 softmax outputs."""
    return MLPSpec(
        n_in=784, hidden=(512,), n_out=10, activation=activation, output="softmax", loss="cce"
    )


@dataclass
class Workshop:
    """The two runs side by side: settings, a BatchTrainer per network, play state."""

    config: dict
    trainers: dict[str, BatchTrainer]  # "mlp" and "cnn"
    running: bool = False

    @property
    def finished(self) -> bool:
        return not self.unfinished()

    def unfinished(self) -> list[BatchTrainer]:
        epochs = self.config["epochs"]
        return [tr for tr in self.trainers.values() if tr.epoch < epochs and not tr.diverged]

    def tick(self) -> None:
        """A slice of an epoch for the network that is behind, so the two advance together."""
        behind = min(self.unfinished(), key=lambda tr: tr.epochs_done, default=None)
        if behind is not None:
            data.train_slice(behind, SLICES_PER_EPOCH)

    def start(self) -> None:
        self.running = not self.finished


def new_workshop(config: dict) -> Workshop:
    backend, device, opt = config["backend"], config["device"], config["optimizer"]
    mnist = data.load("mnist")
    models = {
        "mlp": make_mlp(mlp_spec(config["activation"]), backend, device, dtype=np.float32),
        "cnn": make_cnn(CNN_SPEC, backend, device),
    }
    trainers = {
        name: BatchTrainer(model, mnist, opt, LR[name][opt], batch_size=32)
        for name, model in models.items()
    }
    return Workshop(config, trainers)


def _reset() -> None:
    st.session_state.pop(RUN_KEY, None)


def workshop_section(T: dict, engine: tuple[str, str]) -> None:
    t = T["workshop"]
    st.markdown(t["intro"])
    c = st.columns([1, 1, 1, 3])
    config = {
        "activation": c[0].radio(
            t["activation"], ("tanh", "relu"), format_func=lambda a: t["activations"][a],
            key="cnn_ws_activation", **KEEP,
        ),
        "optimizer": c[1].radio(
            t["optimizer"], ("adam", "sgd"), format_func=lambda o: t["optimizers"][o],
            key="cnn_ws_optimizer", **KEEP,
        ),
        "epochs": c[2].number_input(t["epochs"], 1, 30, 3, key="cnn_ws_epochs", **KEEP),
        "backend": engine[0],
        "device": engine[1],
    }  # fmt: skip
    c[3].caption(t["lr_note"].format(**{f"{m}_{o}": LR[m][o] for m in LR for o in LR[m]}))
    with user_errors():
        ws = st.session_state.get(RUN_KEY)
        if ws is None or ws.config != config:
            ws = st.session_state[RUN_KEY] = new_workshop(config)
        row = st.container(horizontal=True)
        live.play_pause(row, ws, t["play"], t["pause"], "cnn_ws_play", disabled=ws.finished)
        row.button(t["reset"], key="cnn_ws_reset", on_click=_reset)
        live.live_panel(ws, TICK_S, lambda: draw(ws, T))


def draw(ws: Workshop, T: dict) -> None:
    t, epochs = T["workshop"], ws.config["epochs"]
    cols = st.columns(2, gap="large")
    for col, (name, trainer) in zip(cols, ws.trainers.items(), strict=True):
        h = trainer.history
        with col:
            st.markdown(
                t["names"][name].format(activation=t["activations"][ws.config["activation"]])
            )
            done = min(trainer.epochs_done / epochs, 1.0)
            st.progress(done, text=t["progress"].format(done=trainer.epochs_done, epochs=epochs))
            a, b, c = st.columns([1.3, 1, 1])  # the parameter count is the longest number
            a.metric(t["m_params"], numbers.count(trainer.spec.n_params()))
            b.metric(t["m_acc"], numbers.percent(h["test_acc"][-1]) if h["test_acc"] else "–")
            c.metric(t["m_seconds"], f"{numbers.fixed(trainer.seconds, 1)} s")
            if trainer.diverged:
                st.warning(T["train"]["diverged"])
    series = {name: tr.history for name, tr in ws.trainers.items()}
    if any(h["epoch"] for h in series.values()):
        label = {name: t["short"][name] for name in series}
        acc = {label[n]: (h["epoch"], h["test_acc"]) for n, h in series.items()}
        loss = {label[n]: (h["epoch"], h["test_loss"]) for n, h in series.items()}
        panels = [(t["acc_title"], acc), (t["loss_title"], loss)]
        fig = figures.curves(panels, T["train"]["epoch_axis"], unit_panels=(1,))
        chart(fig, key="cnn_ws_curves")
    ratio = ws.trainers["mlp"].spec.n_params() / ws.trainers["cnn"].spec.n_params()
    st.markdown(t["takeaway"].format(ratio=ratio))
