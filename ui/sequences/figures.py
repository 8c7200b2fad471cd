"""Plotly figures of the sequence lab: pure functions from NumPy arrays and label dicts to figures.

Heatmaps put time on the x axis (one column per input token) and units on the y axis, as the
lecture draws an unrolled network. Values are sent as small float32 arrays.
"""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
MODEL_COLOURS = {"RNN": OKABE_ITO[3], "LSTM": OKABE_ITO[0], "GRU": OKABE_ITO[2]}
GATES_01 = {"f", "i", "o", "r", "z"}  # σ outputs in [0, 1]; the others are tanh-like
GATE_SCALE = "Viridis"  # sequential and colour-blind safe
SIGNED_SCALE = "RdBu_r"  # diverging: blue negative, red positive


def small(A) -> np.ndarray:
    """float32 rounded to 3 decimals: enough for hover on values of order 1, half the bytes."""
    return np.round(np.asarray(A, dtype=np.float32), 3)


def tiny(A) -> np.ndarray:
    """float32 without rounding, for log-scale values that span many decades (gradient norms)."""
    return np.asarray(A, dtype=np.float32)


def time_axis(tokens: list[str], title: str, anchor: str) -> dict:
    """Numeric time steps labelled with their tokens (repeated tokens stay separate columns)."""
    width = max(len(tok) for tok in tokens) if tokens else 1  # long labels (sine values): fewer
    ticks = list(range(0, len(tokens), max(1, -(-len(tokens) * width // 60))))
    return dict(
        tickvals=ticks,
        ticktext=[tokens[t] for t in ticks],
        tickangle=0,
        title=dict(text=title),
        anchor=anchor,
        range=[-0.5, len(tokens) - 0.5],
    )


def stacked(titles: list[str], weights: list[float], gap: float = 0.035) -> tuple[dict, list[str]]:
    """Panels stacked top to bottom on one shared x axis, built as one layout dict.

    (make_subplots plus per-panel updates costs about a second for six panels; a live tick
    cannot afford it.) Returns the layout entries and the y-axis ids ("y", "y2", ...) of the
    panels, top first.
    """
    usable, total = 1 - gap * (len(titles) - 1), sum(weights)
    layout, ids, annotations, top = {}, [], [], 1.0
    for k, (title, w) in enumerate(zip(titles, weights, strict=True)):
        h = usable * w / total
        ids.append("y" if k == 0 else f"y{k + 1}")
        layout["yaxis" if k == 0 else f"yaxis{k + 1}"] = dict(
            domain=[max(top - h, 0.0), top], anchor="x"
        )
        annotations.append(
            dict(
                text=title,
                x=0.5,
                y=top,
                xref="paper",
                yref="paper",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=13),
            )
        )
        top -= h + gap
    layout["annotations"] = annotations
    return layout, ids


def gate_heatmaps(
    gates: dict, tokens: list[str], L: dict, max_units: int = 32, row_px: int = 130
) -> go.Figure:
    """One heatmap per gate (rows units, columns time steps), stacked with a shared time axis.

    Gates in [0, 1] share one colour bar, [−1, 1] values another; c gets a symmetric scale.
    """
    names = list(gates)
    layout, ids = stacked([L["gates"][n] for n in names], [1] * len(names))
    c_max = max(1.0, float(np.abs(gates.get("c", np.zeros(1))).max()))
    data = []
    for name, y in zip(names, ids, strict=True):
        axis = "coloraxis" if name in GATES_01 else ("coloraxis3" if name == "c" else "coloraxis2")
        label = L["gates"][name]
        data.append(
            dict(
                type="heatmap",
                z=small(gates[name][:max_units]),
                coloraxis=axis,
                xgap=1,
                ygap=1,
                xaxis="x",
                yaxis=y,
                hovertemplate=f"{label}<br>t=%{{x}} {L['unit']} %{{y}}: %{{z:.3f}}<extra></extra>",
            )
        )
        layout["yaxis" + y[1:]] |= dict(autorange="reversed", title=dict(text=L["unit"]))
    bar = dict(len=0.3, thickness=14)
    layout |= dict(
        xaxis=time_axis(tokens, L["time"], ids[-1]),
        height=row_px * len(names) + 90,
        margin=dict(l=10, r=10, t=30, b=40),
        coloraxis=dict(
            colorscale=GATE_SCALE, cmin=0, cmax=1, colorbar=bar | dict(title="σ", y=0.85)
        ),
        coloraxis2=dict(
            colorscale=SIGNED_SCALE, cmin=-1, cmax=1, colorbar=bar | dict(title="tanh", y=0.5)
        ),
        coloraxis3=dict(
            colorscale=SIGNED_SCALE, cmin=-c_max, cmax=c_max, colorbar=bar | dict(title="c", y=0.15)
        ),
    )
    return go.Figure(data=data, layout=layout)


def input_and_output(probe: dict, vocab, classes, L: dict) -> go.Figure:
    """The one-hot input matrix over time, and the prediction at each step with its target."""
    if not classes:
        return regression_steps(probe, L)
    layout, (y_in, y_out) = stacked([L["input"], L["output"]], [len(vocab), len(classes)], 0.12)
    data = [
        dict(
            type="heatmap",
            z=probe["X"].T.astype(np.uint8),
            y=list(vocab),
            colorscale="Greys",
            showscale=False,
            xgap=1,
            ygap=1,
            xaxis="x",
            yaxis=y_in,
            hovertemplate="t=%{x} %{y}: %{z}<extra></extra>",
        ),
        dict(
            type="heatmap",
            z=small(probe["out"]),
            y=list(classes),
            colorscale="Blues",
            zmin=0,
            zmax=1,
            colorbar=dict(title=L["probability"], len=0.5, y=0.25, thickness=14),
            xgap=1,
            ygap=1,
            xaxis="x",
            yaxis=y_out,
            hovertemplate="t=%{x} P(%{y}) = %{z:.3f}<extra></extra>",
        ),
    ]
    if probe["mask"] is not None and probe["mask"].any():
        t = np.flatnonzero(probe["mask"])
        data.append(
            dict(
                type="scatter",
                x=t,
                y=[classes[k] for k in probe["Y"][t]],
                mode="markers",
                marker=dict(symbol="x-thin", size=10, line=dict(width=2, color=OKABE_ITO[3])),
                xaxis="x",
                yaxis=y_out,
                name=L["target"],
                hovertemplate="t=%{x} " + L["target"] + ": %{y}<extra></extra>",
            )
        )
    for y in ("yaxis", "yaxis2"):
        layout[y] |= dict(type="category", autorange="reversed")
    layout |= dict(
        xaxis=time_axis(probe["tokens"], L["time"], y_out),
        height=150 + int(np.clip(24 * (len(vocab) + len(classes)), 150, 560)),
        showlegend=False,
        margin=dict(l=10, r=10, t=30, b=40),
    )
    return go.Figure(data=data, layout=layout)


def regression_steps(probe: dict, L: dict) -> go.Figure:
    """Sine task: the input values, the next-value targets and the predictions over time."""
    x = probe["X"][:, 0]  # (T,)
    t = np.arange(len(x))
    fig = go.Figure()
    fig.add_scatter(x=t, y=small(x), name=L["input_values"], line=dict(color=OKABE_ITO[5]))
    fig.add_scatter(
        x=t, y=small(np.r_[x[1:], np.nan]), name=L["target"], line=dict(color="#555", dash="dot")
    )
    fig.add_scatter(
        x=t, y=small(probe["out"][0]), name=L["prediction"], line=dict(color=OKABE_ITO[3], width=3)
    )
    fig.update_layout(
        height=320,
        margin=dict(l=10, r=10, t=30, b=40),
        yaxis_title=L["value"],
        xaxis_title="t",
        legend=dict(orientation="h", y=1.12),
    )
    return fig


def line_trace(x, y, axis: str, colour: str, name: str) -> dict:
    """A line on the axes pair x{axis}, y{axis} ("" for the first pair)."""
    return dict(
        type="scatter",
        x=x,
        y=y,
        xaxis=f"x{axis}",
        yaxis=f"y{axis}",
        line=dict(color=colour),
        name=name,
    )


def training_curves(
    history: dict, metric: str, L: dict, marker_step: int | None = None
) -> go.Figure:
    """Loss per step (log scale) and the evaluation metric side by side; a dotted line marks the
    snapshot the timeline shows."""
    data = [
        line_trace(history["step"], tiny(history["loss"]), "", OKABE_ITO[0], L["loss"]),
        line_trace(history["eval_step"], small(history["accuracy"]), "2", OKABE_ITO[2], L[metric]),
    ]
    shapes = [
        dict(
            type="line",
            x0=marker_step,
            x1=marker_step,
            y0=0,
            y1=1,
            xref=x,
            yref="paper",
            line=dict(color="#888", dash="dot"),
        )
        for x in ("x", "x2")
        if marker_step is not None
    ]
    title = dict(text=L["step"])
    layout = dict(
        xaxis=dict(domain=[0, 0.44], anchor="y", title=title),
        xaxis2=dict(domain=[0.56, 1], anchor="y2", title=title),
        yaxis=dict(type="log", anchor="x", title=dict(text=L["loss"]), exponentformat="power"),
        yaxis2=dict(
            anchor="x2", range=[0 if metric == "accuracy" else -1, 1.02], title=dict(text=L[metric])
        ),
        shapes=shapes,
        height=250,
        showlegend=False,
        margin=dict(l=10, r=10, t=20, b=40),
    )
    return go.Figure(data=data, layout=layout)


def grad_flow(profile: np.ndarray, L: dict, name: str) -> go.Figure:
    """‖dJ_T/dh_t‖ of the model being trained, against the distance from the output."""
    fig = go.Figure()
    fig.add_scatter(
        x=np.arange(len(profile)),
        y=tiny(profile),
        mode="lines+markers",
        name=L["now"],
        line=dict(color=MODEL_COLOURS[name]),
        marker=dict(size=5),
    )
    fig.update_layout(
        height=240,
        margin=dict(l=10, r=10, t=30, b=40),
        title=L["grad_title"],
        xaxis_title=L["distance"],
        yaxis=dict(type="log", title=L["grad"], exponentformat="power"),
    )
    return fig


def gradient_profiles(results: dict, L: dict, clip_labels: dict) -> go.Figure:
    """RNN, LSTM and GRU side by side: ‖dJ_T/dh_t‖ at init and after training, per clipping.

    Colour is the model; line style says when (dotted: init, solid/dashed: trained without/with
    clipping). The legend lists the styles once and toggles them in every panel.
    """
    names = list(results)
    fig = make_subplots(rows=1, cols=len(names), subplot_titles=names, shared_yaxes=True)
    for col, name in enumerate(names, start=1):
        colour = MODEL_COLOURS[name]
        lines = [(L["at_init"], "dot", next(iter(results[name].values()))["profile_init"])]
        for clip, run in results[name].items():
            style = "dash" if clip else "solid"
            lines.append((f"{L['trained']}, {clip_labels[clip]}", style, run["profile_end"]))
        for label, dash, profile in lines:
            fig.add_scatter(
                x=np.arange(len(profile)),
                y=tiny(profile),
                name=label,
                legendgroup=label,
                showlegend=col == 1,
                line=dict(color=colour, dash=dash, width=2),
                row=1,
                col=col,
                hovertemplate=f"{name} {label}<br>{L['steps_back']}: %{{x}}, %{{y:.2e}}"
                + "<extra></extra>",
            )
    fig.update_yaxes(type="log", exponentformat="power")
    fig.update_yaxes(title_text=L["grad"], row=1, col=1)
    fig.update_xaxes(title_text=L["steps_back"])
    fig.update_layout(
        height=380,
        margin=dict(l=10, r=10, t=80, b=40),
        title=L["profiles_title"],
        legend=dict(orientation="h", y=-0.25),
    )
    return fig


def comparison_curves(results: dict, L: dict, clip_labels: dict) -> go.Figure:
    """Evaluation accuracy over training for each model, solid without and dashed with clipping."""
    fig = go.Figure()
    for name, runs in results.items():
        for clip, run in runs.items():
            fig.add_scatter(
                x=run["eval_step"],
                y=small(run["accuracy"]),
                name=f"{name}, {clip_labels[clip]}",
                line=dict(color=MODEL_COLOURS[name], dash="dash" if clip else "solid"),
            )
    fig.add_hline(y=0.5, line=dict(color="#888", dash="dot"), annotation_text=L["chance"])
    fig.update_layout(
        height=330,
        title=L["compare_title"],
        xaxis_title=L["step"],
        yaxis=dict(title=L["accuracy"], range=[0, 1.02]),
        margin=dict(l=10, r=10, t=40, b=40),
        legend=dict(orientation="h", y=-0.3),
    )
    return fig


def lag_sweep(lags, accuracies, L: dict) -> go.Figure:
    """Final accuracy of the plain RNN against the lag, with the 50% chance line."""
    fig = go.Figure()
    fig.add_scatter(
        x=list(lags),
        y=small(accuracies),
        mode="lines+markers",
        line=dict(color=MODEL_COLOURS["RNN"]),
        hovertemplate=L["lag"] + " %{x}: %{y:.0%}<extra></extra>",
    )
    fig.add_hline(y=0.5, line=dict(color="#888", dash="dot"), annotation_text=L["chance"])
    fig.update_layout(
        height=300,
        title=L["sweep_title"],
        xaxis_title=L["lag"],
        yaxis=dict(title=L["final_accuracy"], range=[0, 1.05], tickformat=".0%"),
        margin=dict(l=10, r=10, t=40, b=40),
    )
    return fig
