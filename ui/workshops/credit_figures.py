"""Plotly figures of the credit-default workshop: pure functions from NumPy arrays and labels."""

import numpy as np
import plotly.graph_objects as go

from engine.workshops.logit import Roc
from ui import palette
from ui.workshops.figures import INK, layout

SCATTER_POINTS = 2000  # a seeded sample of the 10,000 clients: SVG markers are costly to draw


def probability_scatter(balance: np.ndarray, h: np.ndarray, y: np.ndarray, threshold: float,
                        L: dict) -> go.Figure:  # fmt: skip
    """p(default) of each client against the balance owed, coloured by what happened, and the
    threshold above which the model says "default"."""
    rng = np.random.default_rng(0)
    shown = rng.choice(len(y), min(SCATTER_POINTS, len(y)), replace=False)
    shown = np.union1d(shown, np.nonzero(y == 1)[0])  # every default: they are only 3 %
    fig = go.Figure()
    classes = ((0, L["paid"], "circle"), (1, L["defaulted"], "x"))
    for k, name, symbol in reversed(classes):  # the paid on top: defaults would hide them
        rows = shown[y[shown] == k]
        fig.add_trace(go.Scatter(
            x=balance[rows], y=h[rows], mode="markers", name=name,
            marker={"color": palette.CLASS_COLORS[k], "size": 7, "symbol": symbol,
                    "opacity": 0.5 if k == 0 else 0.9},
            hovertemplate=f"{L['balance']}: %{{x:.0f}}<br>p = %{{y:.3f}}<extra>{name}</extra>",
        ))  # fmt: skip
    fig.add_hline(y=threshold, line={"color": INK, "width": 2, "dash": "dash"})
    fig.update_yaxes(range=[-0.03, 1.03])
    return layout(fig, L["scatter_title"].format(threshold=threshold), L["balance"], L["p_default"])


def confusion_figure(C: np.ndarray, L: dict) -> go.Figure:
    """The 2x2 confusion matrix (rows: what happened; columns: what the model said)."""
    classes = [L["paid"], L["defaulted"]]
    shares = C / C.sum(axis=1, keepdims=True).clip(1)  # (2, 2) share of each true class
    text = [[f"{C[i, j]}" for j in range(2)] for i in range(2)]
    fig = go.Figure(go.Heatmap(
        z=shares, x=classes, y=classes, text=text, texttemplate="%{text}",
        textfont={"size": 22}, colorscale="Blues", zmin=0, zmax=1, showscale=False,
        hovertemplate=f"{L['actual']}: %{{y}}<br>{L['predicted_class']}: %{{x}}<br>"
                      "n = %{text}<extra></extra>",
    ))  # fmt: skip
    fig.update_yaxes(autorange="reversed")
    return layout(fig, L["confusion_title"], L["predicted_class"], L["actual"])


def roc_figure(roc: Roc, point: tuple[float, float], L: dict) -> go.Figure:
    """The ROC curve, the diagonal of a coin toss and the current threshold's point."""
    fig = go.Figure([
        go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name=L["chance"],
                   line={"color": "#888888", "dash": "dash"}, hoverinfo="skip"),
        go.Scatter(x=roc.fpr, y=roc.tpr, mode="lines", name=L["roc_name"].format(auc=roc.auc),
                   line={"color": palette.CLASS_COLORS[0], "width": 3},
                   customdata=roc.thresholds,
                   hovertemplate=f"{L['threshold']} %{{customdata:.3f}}<br>FPR %{{x:.3f}}<br>"
                                 "TPR %{y:.3f}<extra></extra>"),
        go.Scatter(x=[point[0]], y=[point[1]], mode="markers", name=L["this_threshold"],
                   marker={"color": palette.CLASS_COLORS[3], "size": 15, "symbol": "diamond",
                           "line": {"color": INK, "width": 1.5}}),
    ])  # fmt: skip
    fig.update_xaxes(range=[-0.02, 1.02])
    fig.update_yaxes(range=[-0.02, 1.02])
    return layout(fig, L["roc_title"], L["fpr"], L["tpr"])
