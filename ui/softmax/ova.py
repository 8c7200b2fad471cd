"""One-vs-all logistic regression beside softmax regression, trained live on the same points."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from engine import softmax as sm
from engine.backends import make_mlp
from engine.datasets import Dataset
from engine.trainer import Trainer
from ui.common import show_code, side_by_side, user_errors, vega
from ui.softmax import live, maps

KEY = "softmax_ova"
DATASETS = ("blobs", "spiral_arms")
GRID = 50
SMALL = 140  # pixels per side of a per-class map, two to a row


@dataclass
class OvaRun:
    config: tuple
    data: Dataset
    features: tuple[str, ...]
    X_test: np.ndarray  # (m_test, n) features of the test points
    ova: sm.OneVsAll
    trainer: Trainer  # softmax regression


def build(config: tuple) -> OvaRun:
    spec, features, lr, backend, device = config
    data, X_train, X_test = live.featurized(spec, features)
    K, split = spec.classes, (X_train, data.y_train, X_test, data.y_test)
    ova = sm.OneVsAll(K, *split, backend=backend, device=device, lr=lr, batch_size=10)
    model = make_mlp(sm.softmax_regression_spec(len(features), K), backend, device)
    trainer = Trainer(model, *split, lr=lr, batch_size=10)
    return OvaRun(config, data, features, X_test, ova, trainer)


def section(T: dict, engine: tuple[str, str]) -> None:
    st.markdown(T["ova"]["about"])
    row = st.columns(5)
    spec = live.data_controls(KEY, T, DATASETS, 0.2, row[:3])
    lr, per_tick = live.training_controls(KEY, T, row[3:])
    features_col, buttons_col = st.columns([3, 2], vertical_alignment="bottom")
    with features_col:
        features = live.feature_controls(KEY, T, ("x1", "x2"))
    with buttons_col:
        live.buttons(KEY, T)
    with user_errors():
        run = live.get_run(KEY, (spec, features, lr, *engine), build)
        live.live(KEY, panel, run, per_tick, T)
    show_code(sm.OneVsAll, sm.softmax_regression_spec)


def panel(run: OvaRun, per_tick: int, T: dict) -> None:
    """One frame: train both; their class maps and per-class maps side by side; Σ_k h_k."""
    L, labels = T["ova"], T["fig"]
    with user_errors():
        n = live.epochs_to_train(KEY, per_tick)
        run.ova.step(n)
        run.trainer.step(n)
        live.report_divergence(KEY, run.ova.divergence or run.trainer.divergence, T)
        data, model = run.data, run.trainer.model
        acc_ova = run.ova.accuracy(run.X_test, data.y_test)
        acc_softmax = run.trainer.history.test_score[-1]
        st.markdown(L["status"].format(epoch=run.trainer.epoch, ova=acc_ova, softmax=acc_softmax))
        axis, H = sm.probability_grid(run.ova.predict, run.features, GRID)
        axis, P = sm.probability_grid(model.predict, run.features, GRID)
        X, y, K = data.X_train, data.y_train, data.spec.classes
        left, right = side_by_side(maps.PAIR_BOX, maps.PAIR_BOX)
        with left:
            ova_map = maps.class_map(axis, H, X, y, 0.0, None, labels, L["ova_title"])
            vega(ova_map)
            ova_maps = maps.class_maps(axis, H, labels, "ova_class_title", SMALL, columns=2)
            vega(ova_maps, width="content")
        with right:
            title = L["softmax_title"]
            softmax_map = maps.class_map(axis, P, X, y, 1 / K, None, labels, title)
            vega(softmax_map)
            vega(maps.class_maps(axis, P, labels, size=SMALL, columns=2), width="content")
        S = H.sum(axis=-1)
        c1, c2 = side_by_side(maps.PAIR_BOX, "stretch")
        vega(maps.sum_map(axis, S, labels), where=c1)
        c2.markdown(L["sum_reading"].format(low=S.min(), high=S.max()))
