"""Multi-class training: an MLP with a softmax output learns live; one point's logits and ŷ."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from engine import metrics
from engine import softmax as sm
from engine.backends import make_mlp
from engine.datasets import Dataset, make_dataset
from engine.numpy_backend.mlp import MLP
from engine.spec import MLPSpec
from engine.trainer import Trainer
from ui.common import show_code, side_by_side, user_errors, vega
from ui.links import bound, choice, number
from ui.softmax import charts, live, maps

KEY = "softmax_mc"
DATASETS = ("blobs", "spiral_arms")
ACTIVATIONS = ("tanh", "relu", "sigmoid")
OPTIMIZERS = ("sgd", "momentum", "adam")
HIDDEN = {"none": (), "8": (8,), "16": (16,), "8, 8": (8, 8), "16, 16": (16, 16)}
GRID = 50
SCORES_EVERY_S = 1.0  # the confusion matrix and curves change slowly: redraw them less often


@dataclass
class MulticlassRun:
    config: tuple
    data: Dataset
    trainer: Trainer


def build(config: tuple) -> MulticlassRun:
    spec, hidden, activation, optimizer, lr, backend, device = config
    data = make_dataset(spec)
    mlp = MLPSpec(2, HIDDEN[hidden], spec.classes, activation, "softmax", "cce")
    model = make_mlp(mlp, backend, device, seed=0)
    trainer = Trainer(
        model,
        data.X_train,
        data.y_train,
        data.X_test,
        data.y_test,
        optimizer=optimizer,
        lr=lr,
        batch_size=10,
    )
    return MulticlassRun(config, data, trainer)


def section(T: dict, engine: tuple[str, str]) -> None:
    L = T["multiclass"]
    st.markdown(L["about"])
    row = st.columns(6)
    spec = live.data_controls(KEY, T, DATASETS, 0.3, row[:3])
    hidden = bound(
        row[3].selectbox, L["hidden"], list(HIDDEN), index=1, key=f"{KEY}_hidden",
        read=choice(HIDDEN), format_func=lambda h: L["hidden_names"][h], help=L["hidden_help"],
    )  # fmt: skip
    activation = bound(
        row[4].selectbox,
        L["activation"],
        ACTIVATIONS,
        key=f"{KEY}_act",
        read=choice(ACTIVATIONS),
    )
    optimizer = bound(
        row[5].selectbox,
        L["optimizer"],
        OPTIMIZERS,
        key=f"{KEY}_opt",
        read=choice(OPTIMIZERS),
    )
    row = st.columns([2, 2, 1, 2], vertical_alignment="bottom")
    lr, per_tick = live.training_controls(KEY, T, row[:2])
    last_point = round(spec.train_ratio * spec.n_points) - 1  # the training points, as split
    index = bound(
        row[2].number_input,
        L["point"],
        0,
        last_point,
        0,
        key=f"{KEY}_point",
        read=number(0, last_point, int),
        help=L["point_help"],
    )
    with row[3]:
        live.buttons(KEY, T)
    with user_errors():
        run = live.get_run(KEY, (spec, hidden, activation, optimizer, lr, *engine), build)
        live.live(KEY, panel, run, index, per_tick, T)
        live.live(KEY, scores_panel, run, T, every=SCORES_EVERY_S)
    show_code(MLP.forward, sm.point_readings, sm.cross_entropy, metrics.precision_recall)


def pick_point() -> None:
    """A click on the map (while paused): follow the clicked point."""
    picked = st.session_state[f"{KEY}_map"].selection.get("pick")
    if picked:
        st.session_state[f"{KEY}_point"] = int(picked[0]["index"])
        st.session_state[f"{KEY}_picked"] = True


def panel(run: MulticlassRun, index: int, per_tick: int, T: dict) -> None:
    """One frame: train; the class map, the chosen point's logits and ŷ, the per-class maps."""
    L, labels = T["multiclass"], T["fig"]
    if st.session_state.pop(f"{KEY}_picked", False):
        st.rerun()  # a click picked a point: redraw the whole section (its index box too)
    with user_errors():
        trainer, data = run.trainer, run.data
        trainer.step(live.epochs_to_train(KEY, per_tick))
        live.report_divergence(KEY, trainer.divergence, T)
        h = trainer.history
        status = L["status"].format(
            epoch=trainer.epoch, train=h.train_loss[-1], accuracy=h.test_score[-1]
        )
        st.markdown(status)
        model = trainer.model
        axis, P = sm.probability_grid(model.predict, ("x1", "x2"), GRID)
        plane, point = side_by_side(maps.MAP_BOX, "stretch")
        # Clickable only while paused: a widget inside a ticking fragment breaks its charts.
        paused = not live.is_running(KEY)
        spec = maps.class_map(axis, P, data.X_train, data.y_train, 1 / P.shape[-1], index,
                                labels, L["map_title"], select=paused)  # fmt: skip
        with plane:
            if paused:
                vega(spec, key=f"{KEY}_map", on_select=pick_point, selection_mode="pick")
            else:
                vega(spec)
        with point:
            point_panel(model, data, index, T)
        vega(maps.class_maps(axis, P, labels), width="content")


def point_panel(model, data: Dataset, index: int, T: dict) -> None:
    """Bars of the point's logits, softmax and ŷ − y, and its cross-entropy."""
    r = sm.point_readings(model, data.X_train[[index]], data.y_train[[index]])
    y = int(data.y_train[index])
    loss, grad = sm.cross_entropy(r.Z[0], y)
    bars = charts.score_bars(r.Z[0], r.Y_hat[0], T["fig"], grad=grad, true_class=y, width=200,
                             stacked=True)  # fmt: skip
    vega(bars, width="content")
    reading = T["multiclass"]["point_reading"]
    probs = ", ".join(f"{p:.3f}" for p in r.Y_hat[0])
    pred = int(r.Y_hat[0].argmax())
    st.markdown(reading.format(index=index, y=y, pred=pred, probs=probs, loss=loss))


def scores_panel(run: MulticlassRun, T: dict) -> None:
    """Confusion matrix and per-class accuracy on the test points; the loss curves (every 1 s)."""
    L, labels = T["multiclass"], T["fig"]
    with user_errors():
        model, data, h = run.trainer.model, run.data, run.trainer.history
        y_pred = metrics.predicted_classes(model.predict(data.X_test), "softmax")
        C = metrics.confusion_matrix(y_pred, data.y_test, data.spec.classes)
        _, recall = metrics.precision_recall(C)
        c1, c2, c3 = st.columns(3)
        vega(charts.confusion(C, labels, L["confusion_title"]), where=c1)
        per_class = charts.class_bars(np.nan_to_num(recall), labels, L["per_class_title"])
        vega(per_class, where=c2)
        vega(charts.loss_curve(h.epoch, h.train_loss, h.test_loss, labels), where=c3)
