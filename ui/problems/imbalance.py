"""The Imbalance tab (seed 003, desequilibrio de datos): five networks on the same imbalanced data
and seed, one per remedy, trained live side by side; their boundaries with the dropped, copied and
synthetic points, their confusion matrices and the metrics that accuracy hides."""

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import streamlit as st

from engine.problems import data, imbalance, resample, weighted
from ui import common, numbers, presenter, text
from ui.common import KEEP
from ui.problems import config as cf
from ui.problems import figures as fg
from ui.workshops import state as controller

KEY = "pb_imb"


@dataclass
class LiveImbalance:
    """The five runs of one setup (the controller rebuilds it when the setup changes)."""

    config: imbalance.ImbalanceSetup
    split: data.Split
    runs: list[imbalance.RemedyRun]
    figures: dict = field(default_factory=dict)  # language -> the figures, built once


def build(setup: imbalance.ImbalanceSetup) -> LiveImbalance:
    return LiveImbalance(setup, *imbalance.build(setup))


def section(T: dict, cfg: cf.ProblemsConfig) -> cf.ProblemsConfig:
    I = T["imbalance"]
    if not presenter.is_presenting():  # on a projector the teacher says it; the view gets the room
        st.markdown(I["about"])
        st.info(I["train_only"])
    cols = st.columns([3, 2, 1], vertical_alignment="bottom")
    share = cols[0].slider(
        I["share"], 1, 50, key="pb_share", format="%d %%", help=I["share_help"], **KEEP
    )
    speed = cols[1].select_slider(
        T["speed"], cf.SPEEDS, key="pb_ispeed", help=T["speed_help"], **KEEP
    )
    seed = cols[2].number_input(T["seed"], 0, cf.MAX_SEED, step=1, key="pb_seed", **KEEP)
    cfg = replace(cfg, share_pct=int(share), imb_speed=int(speed), seed=int(seed))
    controller.buttons(KEY, T)
    controller.live(KEY, panel, T, cfg)
    common.show_code(resample.resample, weighted.WeightedMLP, imbalance.report)
    return cfg


def panel(T: dict, cfg: cf.ProblemsConfig) -> None:
    """Train this frame's epochs, then draw the five runs."""
    I, F = T["imbalance"], T["fig"]
    live = controller.get_run(KEY, cfg.imbalance(), build)
    imbalance.train_all(live.runs, controller.steps_to_take(KEY, cfg.imb_speed))
    split, runs = live.split, live.runs
    reports = [imbalance.report(r.trainer.model, split.X_test, split.y_test) for r in runs]
    names = [I["remedies"][r.remedy] for r in runs]
    st.markdown(
        I["status"].format(
            epoch=runs[0].trainer.epoch, train=len(split.y_train), minority=int(split.y_train.sum())
        )
    )
    baseline = imbalance.majority_accuracy(split.y_test)
    st.markdown(
        I["paradox"].format(
            accuracy=numbers.percent(baseline, 1), share=numbers.percent(split.y_test.mean(), 1)
        )
    )
    charts(live, reports, names, baseline, F)
    st.dataframe(metrics_table(runs, reports, names, I), hide_index=True)


def charts(live: LiveImbalance, reports: list, names: list[str], baseline: float, F: dict) -> None:
    """The boundaries (and the test set), the scores against always-majority, the confusions."""
    boundaries, scores, confusions = pictures(live, reports, names, baseline, F)
    common.chart(boundaries, key="pb_imb_boundaries")
    st.caption(F["legend"])
    common.chart(scores, key="pb_imb_scores")
    common.chart(confusions, key="pb_imb_confusion")


def pictures(live: LiveImbalance, reports: list, names: list[str], baseline: float, F: dict):
    """The frame's three figures: built on the run's first frame (in this language), then only
    their changing data replaced (benchmarks/problems.py times them)."""
    maps = [fg.probability_map(r.trainer.model) for r in live.runs]
    values = {
        "accuracy": [r.accuracy for r in reports],
        "recall": [r.recall[1] for r in reports],
        "f1": [r.f1 for r in reports],
    }
    matrices = [r.C for r in reports]
    figs = live.figures.get(text.current_lang())
    if figs is None:
        split, labels = live.split, [F["majority"], F["minority"]]
        test_points = fg.class_points(split.X_test, split.y_test, labels)
        figs = live.figures[text.current_lang()] = (
            fg.boundaries(
                [*names, F["test_set"]],
                [*maps, None],
                [*(train_points(r, split, F) for r in live.runs), test_points],
            ),
            fg.scores(names, values, F, baseline),
            fg.confusions(names, matrices, labels, F),
        )
    boundaries, scores, confusions = figs
    fg.set_maps(boundaries, maps)
    fg.set_bars(scores, values)
    fg.set_confusions(confusions, matrices)
    return figs


def train_points(run: imbalance.RemedyRun, split: data.Split, F: dict) -> list[fg.Points]:
    """What a remedy trained on: the kept points; the points undersampling dropped (grey rings);
    each minority point as large as its number of copies (random oversampling); SMOTE's
    synthetic points as diamonds."""
    s, X, y = run.train_set, split.X_train, split.y_train
    names = [F["majority"], F["minority"]]
    if run.remedy == "under":
        dropped = fg.Points(X[s.dropped], F["dropped"], fg.GREY, "circle-open", 5, 0.5)
        return [dropped, *fg.class_points(X[~s.dropped], y[~s.dropped], names)]
    if run.remedy == "over":
        majority, minority = fg.class_points(X, y, names)
        size = 6 + 2 * np.sqrt(s.copies[y == 1])  # (m_minority,): more copies, a larger cross
        return [majority, replace(minority, size=size, name=F["copied"])]
    if run.remedy == "smote":
        new = fg.Points(s.X[s.synthetic], F["synthetic"], fg.MINORITY, "diamond", 6, 0.6)
        return [*fg.class_points(X, y, names), new]
    return fg.class_points(X, y, names)


def metrics_table(runs, reports, names: list[str], I: dict) -> pd.DataFrame:
    """One row per measure, one column per remedy: the training set's class sizes, accuracy,
    per-class precision and recall, and the minority's F1."""
    C = I["columns"]

    def pct(value: float) -> str:
        return "—" if not np.isfinite(value) else numbers.percent(value, 1)

    sizes = [
        I["sizes"].format(majority=int((r.train_set.y == 0).sum()),
                          minority=int((r.train_set.y == 1).sum()))
        for r in runs
    ]  # fmt: skip
    rows = [
        (C["trained_on"], sizes),
        (C["accuracy"], [pct(r.accuracy) for r in reports]),
        (C["precision_min"], [pct(r.precision[1]) for r in reports]),
        (C["recall_min"], [pct(r.recall[1]) for r in reports]),
        (C["precision_maj"], [pct(r.precision[0]) for r in reports]),
        (C["recall_maj"], [pct(r.recall[0]) for r in reports]),
        (C["f1"], [numbers.fixed(r.f1, 2) for r in reports]),
    ]
    table = pd.DataFrame([values for _, values in rows], columns=names)
    table.insert(0, C["measure"], [label for label, _ in rows])
    return table
