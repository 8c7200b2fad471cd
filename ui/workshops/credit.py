"""Workshop 3 (seed 001, "Taller regresión logística sobre el dataset credit default"): p(default),
a threshold with its confusion matrix, precision and recall, the ROC curve, odds and log-odds, and
whether each θ_j is significant (standard error, z, p-value)."""

from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from engine import softmax as sm
from engine.workshops import data, logit
from ui import common, links, numbers
from ui.common import KEEP
from ui.workshops import config as cf
from ui.workshops import credit_figures

# How much each feature grows in one "step" of the odds table: 100 USD owed, 10,000 USD earned,
# being a student.
ODDS_STEPS = {"balance": 100.0, "income": 10_000.0, "student": 1.0}
SIGNIFICANT = 0.05


@st.cache_data(max_entries=8, show_spinner=False)
def fitted(features: tuple[str, ...]) -> tuple[logit.LogitFit, np.ndarray, np.ndarray]:
    """The maximum-likelihood fit on the 10,000 clients, each client's p(default), and y."""
    table = data.credit()
    X = table.columns(features)
    fit = logit.fit(X, table.y)
    return fit, logit.probabilities(fit.theta, X), table.y


def section(T: dict, cfg: cf.WorkshopsConfig, engine: tuple[str, str]) -> cf.WorkshopsConfig:
    C = T["credit"]
    st.markdown(C["about"])
    st.caption(C["data_note"].format(share=data.credit().y.mean()))
    cols = st.columns([3, 3], vertical_alignment="bottom")
    picked = cols[0].pills(
        C["features"], data.CREDIT_FEATURES, selection_mode="multi", key="ws_cf",
        format_func=C["feature_names"].__getitem__, **KEEP,
    )  # fmt: skip
    features = tuple(f for f in data.CREDIT_FEATURES if f in picked)
    if not features:
        kept = ", ".join(C["feature_names"][f] for f in cfg.credit_features)
        st.error(T["no_feature"].format(kept=kept))
        features = cfg.credit_features
    threshold = cols[1].slider(C["threshold"], 0.0, 1.0, step=0.01, key="ws_threshold",
                               help=C["threshold_help"], **KEEP)  # fmt: skip
    cfg = replace(cfg, credit_features=features, threshold=logit.check_threshold(threshold))
    fit, h, y = fitted(features)
    significance_table(fit, features, T)
    charts(h, y, cfg.threshold, T)
    one_vs_all_link(C)
    common.show_code(logit.fit, logit.roc, sm.threshold_report)
    return cfg


def significance_table(fit: logit.LogitFit, features: tuple[str, ...], T: dict) -> None:
    """θ, SE, z, p-value and the odds factor of each term; which θ_j are significant."""
    C = T["credit"]
    steps = np.array([ODDS_STEPS[f] for f in features])
    factors = fit.odds_factor(steps)
    names = [C["intercept"]] + [C["feature_names"][f] for f in features]
    rows = {
        C["term"]: names,
        C["theta"]: [numbers.fmt(v, 4) for v in fit.theta],
        C["se"]: [numbers.fmt(v, 3) for v in fit.se],
        "z": [numbers.fixed(v, 2) for v in fit.z],
        C["p_value"]: [p_text(v) for v in fit.p],
        C["odds_per_step"]: ["—"] + [C["odds_cell"].format(
            factor=numbers.fmt(f, 3), step=C["steps"][name]) for f, name in zip(
                factors, features, strict=True)],
        C["significant"]: [C["yes"] if v < SIGNIFICANT else C["no"] for v in fit.p],
    }  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    st.caption(C["table_caption"].format(iterations=fit.iterations))


def p_text(p: float) -> str:
    """A p-value as a person reads it: 0.39, 7.7e-5 (7,7e-5 in Spanish), or < 1e-300."""
    if p < 1e-300:
        return "< 1e-300"
    if p >= 1e-4:
        return numbers.fmt(p, 2)
    mantissa, exponent = f"{p:.1e}".split("e")
    return f"{numbers.fmt(float(mantissa), 2)}e{int(exponent)}"


def charts(h: np.ndarray, y: np.ndarray, threshold: float, T: dict) -> None:
    """p(default) against balance, the confusion matrix with its metrics, the ROC curve."""
    C, F = T["credit"], T["credit"]["fig"]
    report = sm.threshold_report(h, y, threshold)
    roc = logit.roc(h, y)
    negatives = max(int(report.C[0].sum()), 1)
    point = (report.C[0, 1] / negatives, report.recall if np.isfinite(report.recall) else 0.0)
    balance = data.credit().columns(("balance",))[:, 0]
    for col, name in zip(st.columns(3), ("precision", "recall", "accuracy"), strict=True):
        value = getattr(report, name)
        shown = "—" if np.isnan(value) else numbers.percent(value)
        col.metric(C[name], shown, help=C[f"{name}_help"], border=True)
    left, middle, right = st.columns([4, 3, 3])
    with left:
        fig = credit_figures.probability_scatter(balance, h, y, threshold, F)
        common.chart(fig, key="ws_credit_scatter")
    with middle:
        common.chart(credit_figures.confusion_figure(report.C, F), key="ws_confusion")
    with right:
        common.chart(credit_figures.roc_figure(roc, point, F), key="ws_roc")


def one_vs_all_link(C: dict) -> None:
    """One-vs-all for more than two classes is in the Softmax lab: link to its tab."""
    if links.in_app():
        st.page_link("pages/3_Softmax.py", label=C["ova_link"], icon="🎯",
                     query_params={**links.shared_query(), "tab": "ova"})  # fmt: skip
    else:
        st.markdown(C["ova_link"])
