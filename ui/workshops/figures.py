"""Plotly figures of the house-price and regularization workshops: pure functions from NumPy
arrays and labels (L, from the page's TOML) to figures."""

import numpy as np
import plotly.graph_objects as go

from engine.workshops.paths import CrossValidation, Path
from ui import palette

INK = "#111111"
FIT = palette.CLASS_COLORS[3]  # the line gradient descent is drawing: vermillion
EXACT = "#555555"  # the closed-form or exact answer: grey, dashed
# One colour per coefficient (the class palette, then two more of Okabe and Ito's).
COEF_COLORS = (*palette.CLASS_COLORS, "#000000", "#999999")
DATA_STYLE = {"color": palette.CLASS_COLORS[0], "size": 7, "opacity": 0.6}
MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}
HEIGHT = 360


def layout(fig: go.Figure, title: str, x_title: str, y_title: str, **extra) -> go.Figure:
    fig.update_layout(
        title=title, height=HEIGHT, margin=MARGIN, font={"size": 15}, uirevision="keep",
        legend={"orientation": "h", "y": -0.25, "x": 0}, template="plotly_white", **extra,
    )  # fmt: skip
    fig.update_xaxes(title=x_title, automargin=True)
    fig.update_yaxes(title=y_title, automargin=True)
    return fig


def house_line(x: np.ndarray, y: np.ndarray, fitted: tuple[float, float],
               exact: tuple[float, float], L: dict) -> go.Figure:  # fmt: skip
    """The houses (m², price), the neuron's line ŷ = w·x + b now and least squares' line."""
    xs = np.array([x.min(), x.max()])
    fig = go.Figure([
        go.Scatter(x=x, y=y, mode="markers", marker=DATA_STYLE, name=L["houses"],
                   hovertemplate=f"{L['m2']}: %{{x:.0f}}<br>{L['price']}: %{{y:.0f}}"
                                 "<extra></extra>"),
        go.Scatter(x=xs, y=exact[0] + exact[1] * xs, mode="lines", name=L["least_squares"],
                   line={"color": EXACT, "dash": "dash", "width": 2}, hoverinfo="skip"),
        go.Scatter(x=xs, y=fitted[0] + fitted[1] * xs, mode="lines", name=L["neuron"],
                   line={"color": FIT, "width": 4}, hoverinfo="skip"),
    ])  # fmt: skip
    lows, highs = [y.min(), *(exact[0] + exact[1] * xs)], [y.max(), *(exact[0] + exact[1] * xs)]
    pad = 0.1 * (max(highs) - min(lows))
    fig.update_yaxes(range=[min(lows) - pad, max(highs) + pad])  # the line may leave the picture
    return layout(fig, L["line_title"], L["m2"], L["price"])


def predicted_vs_actual(y: np.ndarray, y_hat: np.ndarray, L: dict) -> go.Figure:
    """Each house's price against the neuron's prediction; on the diagonal, ŷ = y."""
    ends = [float(y.min()), float(y.max())]
    fig = go.Figure([
        go.Scatter(x=ends, y=ends, mode="lines", name=L["perfect"],
                   line={"color": EXACT, "dash": "dash"}, hoverinfo="skip"),
        go.Scatter(x=y, y=y_hat, mode="markers", marker=DATA_STYLE, name=L["houses"],
                   hovertemplate=f"{L['price']}: %{{x:.0f}}<br>ŷ: %{{y:.0f}}<extra></extra>"),
    ])  # fmt: skip
    pad = 0.1 * (ends[1] - ends[0])
    fig.update_yaxes(range=[ends[0] - pad, ends[1] + pad])
    return layout(fig, L["pred_title"], L["price"], L["predicted"])


def cost_curve(history: list[float], L: dict) -> go.Figure:
    """J after each gradient-descent step, on a log scale."""
    steps = np.arange(len(history))
    mode = "lines+markers" if len(history) < 30 else "lines"  # one point is a dot, not nothing
    fig = go.Figure(go.Scatter(x=steps, y=history, mode=mode, line={"color": FIT, "width": 3},
                               name="J", hovertemplate=f"{L['step']} %{{x}}<br>J = %{{y:.4g}}"
                               "<extra></extra>"))  # fmt: skip
    return layout(fig, L["cost_title"], L["step"], L["cost"], yaxis_type="log")


def coefficient_bars(names: list[str], ours: np.ndarray, exact: np.ndarray, L: dict,
                     exact_name: str) -> go.Figure:  # fmt: skip
    """Gradient descent's θ_j beside the exact answer's, one pair of bars per feature."""
    fig = go.Figure([
        go.Bar(x=names, y=exact, name=exact_name, marker_color=EXACT, opacity=0.5),
        go.Bar(x=names, y=ours, name=L["neuron"], marker_color=FIT),
    ])  # fmt: skip
    fig.update_layout(barmode="group")
    return layout(fig, L["bars_title"], "", "θ")


def paths_figure(path: Path, names: list[str], lam: float, best: float,
                 now: np.ndarray | None, L: dict) -> go.Figure:  # fmt: skip
    """Each θ_j against log λ (largest λ on the right), the chosen λ, the cross-validated best λ,
    where each coefficient becomes exactly 0, and gradient descent's θ at the chosen λ."""
    fig = go.Figure()
    zero_from = path.zero_from()
    for j, name in enumerate(names):
        color = COEF_COLORS[j % len(COEF_COLORS)]
        fig.add_trace(go.Scatter(
            x=path.lams, y=path.theta[:, j], mode="lines", name=name, legendgroup=name,
            line={"color": color, "width": 3},
            hovertemplate=f"{name}<br>λ = %{{x:.3g}}<br>θ = %{{y:.4g}}<extra></extra>",
        ))  # fmt: skip
        if np.isfinite(zero_from[j]) and zero_from[j] < path.lams[0]:
            fig.add_trace(go.Scatter(
                x=[zero_from[j]], y=[0.0], mode="markers", legendgroup=name, showlegend=False,
                marker={"color": color, "size": 12, "symbol": "x", "line": {"width": 1}},
                hovertemplate=f"{name}: θ = 0 {L['from_lambda']} %{{x:.3g}}<extra></extra>",
            ))  # fmt: skip
    if now is not None:
        fig.add_trace(go.Scatter(
            x=np.full(len(now), lam), y=now, mode="markers", name=L["descent_now"],
            marker={"color": [COEF_COLORS[j % len(COEF_COLORS)] for j in range(len(now))],
                    "size": 13, "symbol": "diamond", "line": {"color": INK, "width": 1.5}},
            hovertemplate="θ = %{y:.4g}<extra></extra>",
        ))  # fmt: skip
    mark_lambdas(fig, lam, best, L)
    fig.update_xaxes(exponentformat="power")  # 10⁻⁴, not 100µ
    return layout(fig, L["paths_title"], L["lambda_axis"], "θ_j", xaxis_type="log")


def mark_lambdas(fig: go.Figure, lam: float, best: float, L: dict) -> None:
    """Vertical lines at the chosen λ (solid) and the cross-validated best λ (dotted)."""
    if lam > 0:
        fig.add_vline(x=lam, line={"color": INK, "width": 2})
        fig.add_annotation(x=np.log10(lam), y=1.0, yref="paper", text=L["chosen"],
                           showarrow=False, yanchor="bottom", font={"size": 14})  # fmt: skip
    fig.add_vline(x=best, line={"color": palette.CLASS_COLORS[5], "width": 2, "dash": "dot"})


def cv_figure(cv: CrossValidation, train: np.ndarray, lam: float, L: dict) -> go.Figure:
    """Training and cross-validated mean squared error against λ, the best λ marked."""
    fig = go.Figure([
        go.Scatter(x=cv.lams, y=train, mode="lines", name=L["train_error"],
                   line={"color": palette.CLASS_COLORS[0], "width": 3}),
        go.Scatter(x=cv.lams, y=cv.mse, mode="lines", name=L["cv_error"],
                   line={"color": palette.CLASS_COLORS[1], "width": 3},
                   error_y={"type": "data", "array": cv.se, "visible": True, "thickness": 1}),
        go.Scatter(x=[cv.best], y=[cv.mse[np.argmin(cv.mse)]], mode="markers",
                   name=L["best_lambda"], marker={"color": palette.CLASS_COLORS[5], "size": 14,
                                                  "symbol": "star"}),
    ])  # fmt: skip
    mark_lambdas(fig, lam, cv.best, L)
    fig.update_xaxes(exponentformat="power")
    return layout(fig, L["cv_title"], L["lambda_axis"], L["mse"], xaxis_type="log")


def poly_curve(x: np.ndarray, y: np.ndarray, xs: np.ndarray, fitted: np.ndarray,
               true: np.ndarray, L: dict) -> go.Figure:  # fmt: skip
    """The points of one input, the true curve and the penalized polynomial at the chosen λ."""
    fig = go.Figure([
        go.Scatter(x=x, y=y, mode="markers", marker=DATA_STYLE, name=L["points"]),
        go.Scatter(x=xs, y=true, mode="lines", name=L["true_curve"],
                   line={"color": EXACT, "dash": "dash", "width": 2}),
        go.Scatter(x=xs, y=fitted, mode="lines", name=L["poly_fit"],
                   line={"color": FIT, "width": 3}),
    ])  # fmt: skip
    fig.update_yaxes(range=[float(y.min()) - 0.5, float(y.max()) + 0.5])
    return layout(fig, L["poly_title"], "x", "y")
