"""Logistic regression: h = σ(θᵀx) trains live; threshold, confusion matrix, odds, log-loss."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from engine import softmax as sm
from engine.backends import make_mlp
from engine.datasets import Dataset
from engine.numpy_backend import losses
from engine.trainer import Trainer
from ui import numbers
from ui.common import show_code, side_by_side, user_errors, vega
from ui.links import bound, number
from ui.softmax import charts, live, maps

KEY = "softmax_lr"
DATASETS = ("gauss", "circle", "xor", "moons")
GRID = 60  # the probability map is GRID x GRID


@dataclass
class LogisticRun:
    config: tuple
    data: Dataset
    features: tuple[str, ...]
    X_train: np.ndarray  # (m, n) features of the training points
    trainer: Trainer


def build(config: tuple) -> LogisticRun:
    spec, features, lr, backend, device = config
    data, X_train, X_test = live.featurized(spec, features)
    model = make_mlp(sm.logistic_spec(len(features)), backend, device)
    trainer = Trainer(model, X_train, data.y_train, X_test, data.y_test, lr=lr, batch_size=10)
    return LogisticRun(config, data, features, X_train, trainer)


def section(T: dict, engine: tuple[str, str]) -> None:
    L = T["logistic"]
    st.markdown(L["about"])
    row = st.columns(4)
    spec = live.data_controls(KEY, T, DATASETS, 0.3, row[:2])
    lr, per_tick = live.training_controls(KEY, T, row[2:])
    features_col, buttons_col, threshold_col = st.columns([3, 2, 2], vertical_alignment="bottom")
    with features_col:
        features = live.feature_controls(KEY, T, ("x1", "x2"))
    with buttons_col:
        live.buttons(KEY, T)
    threshold = bound(
        threshold_col.slider,
        L["threshold"],
        0.0,
        1.0,
        0.5,
        0.01,
        key=f"{KEY}_threshold",
        read=number(0.0, 1.0),
        help=L["threshold_help"],
    )
    with user_errors():
        run = live.get_run(KEY, (spec, features, lr, *engine), build)
        live.live(KEY, panel, run, threshold, per_tick, T)
    show_code(sm.logistic_spec, sm.threshold_report, sm.odds_reading, losses.point_loss)


def panel(run: LogisticRun, threshold: float, per_tick: int, T: dict) -> None:
    """One frame: train, then the map, the live equation, the threshold metrics and the odds."""
    L = T["logistic"]
    with user_errors():
        trainer = run.trainer
        trainer.step(live.epochs_to_train(KEY, per_tick))
        live.report_divergence(KEY, trainer.divergence, T)
        h = trainer.history
        st.markdown(
            L["status"].format(epoch=trainer.epoch, train=h.train_loss[-1], test=h.test_loss[-1])
        )
        model, data = trainer.model, run.data
        theta, odds_factor = sm.odds_reading(model.get_params())
        st.latex(equation(theta, run.features, T))  # full width: it grows with the features
        readings = sm.point_readings(model, run.X_train, data.y_train)
        plane, scores = side_by_side(maps.MAP_BOX, "stretch")
        vega(map_chart(run, readings, threshold, T), where=plane)
        with scores:
            report = sm.threshold_report(readings.Y_hat, data.y_train, threshold)
            threshold_metrics(report, threshold, T)
        weights, loss = st.columns(2)
        with weights:
            odds_table(theta, odds_factor, run.features, T)
        vega(charts.loss_curve(h.epoch, h.train_loss, h.test_loss, T["fig"]), where=loss)


def map_chart(run: LogisticRun, readings: sm.PointReadings, threshold: float, T: dict) -> dict:
    """h over the plane, the boundary h = threshold, the points with their log-loss on hover."""
    axis, H = sm.probability_grid(run.trainer.model.predict, run.features, GRID)
    boundary = sm.level_crossings(axis, H[:, :, 0], threshold)
    z = readings.Z[:, 0]
    with np.errstate(over="ignore"):
        odds = np.exp(z)
    columns = {"logodds": z, "odds": odds, "h": readings.Y_hat[:, 0], "loss": readings.loss}
    labels = {**T["fig"], **T["logistic"]["fig"]}
    data = run.data
    return maps.logistic_map(axis, H[:, :, 0], data.X_train, data.y_train, boundary, threshold,
                               columns, labels)  # fmt: skip


def equation(theta: np.ndarray, features: tuple[str, ...], T: dict) -> str:
    """h = σ(θ0 + θ1·x1 + ...) with the current numbers."""
    names = T["feature_latex"]
    terms = "".join(f" {t:+.2f}\\,{names[f]}" for t, f in zip(theta[1:], features, strict=True))
    return T["logistic"]["equation"].format(terms=f"{theta[0]:.2f}{terms}")


def threshold_metrics(report: sm.ThresholdReport, threshold: float, T: dict) -> None:
    L = T["logistic"]
    title = L["confusion_title"].format(threshold=threshold)
    vega(charts.confusion(report.C, T["fig"], title, size=200))
    row = st.container(horizontal=True, wrap=True)  # the three wrap in a narrow column
    for name in ("precision", "recall", "accuracy"):
        value = getattr(report, name)
        shown = "—" if np.isnan(value) else numbers.percent(value, decimals=0)
        row.metric(L[name], shown, help=L[f"{name}_help"], width="content")


def odds_table(theta: np.ndarray, odds_factor: np.ndarray, features, T: dict) -> None:
    L = T["logistic"]
    rows = [L["odds_intercept"]] + [T["feature_names"][f] for f in features]
    st.markdown(L["odds_heading"])
    st.dataframe(
        {L["odds_term"]: rows, "θ": np.round(theta, 3), L["odds_factor"]: odds_factor},
        hide_index=True,
        column_config={L["odds_factor"]: st.column_config.NumberColumn(format="%.3g")},
    )
    st.caption(L["odds_caption"])
