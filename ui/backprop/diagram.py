"""The network diagram of the backprop stepper: nodes with their numbers, edges coloured by weight.

Layer l is the column x = l; edges carry the sign of the weight as RdBu colour (red negative, blue
positive) and its size as width. The layer the current step works on is outlined in orange, and
the numbers the step uses on its edges (W, dW or the new W) are written on them.
"""

import numpy as np
import plotly.graph_objects as go

from ui.backprop.figures import BLUE, MARGIN, ORANGE, edge_color


def positions(n: int) -> np.ndarray:
    """y of n nodes in a column, centred on 0, top to bottom."""
    return (n - 1) / 2 - np.arange(n)


def edge_label_t(j: int, n_target: int) -> float:
    """Where along an edge (0 = source, 1 = target) its label goes: staggered by target."""
    return 0.5 if n_target == 1 else 0.18 + 0.64 * j / (n_target - 1)


def network_diagram(
    weights: list[np.ndarray],
    node_names: list[list[str]],
    node_labels: list[list[str]],
    active: int,
    edge_values: dict[int, np.ndarray],
    title: str,
    height: int = 520,
) -> go.Figure:
    """weights[l − 1] is W[l] (n_{l−1}, n_l); node_labels[l][j] is the text beside node j."""
    sizes = [weights[0].shape[0], *[W.shape[1] for W in weights]]
    ys = [positions(n) for n in sizes]
    wmax = max(float(np.abs(W).max()) for W in weights) or 1.0
    fig, notes = go.Figure(), []  # annotations go in at once: add_annotation is slow
    for l, W in enumerate(weights, start=1):
        for i, j in np.ndindex(W.shape):
            w = float(W[i, j])
            fig.add_scatter(
                x=[l - 1, l],
                y=[ys[l - 1][i], ys[l][j]],
                mode="lines",
                line={"color": edge_color(w, wmax), "width": 1 + 6 * abs(w) / wmax},
                hoverinfo="text",
                text=f"W[{l}]{i + 1},{j + 1} = {w:.6g}",
                showlegend=False,
            )
        if l in edge_values:
            notes += edge_labels(edge_values[l], l, ys)
    for l in range(len(sizes)):
        add_layer_nodes(fig, l, ys[l], node_names[l], l == active)
        notes += node_notes(l, ys[l], node_labels[l])
    fig.update_xaxes(visible=False, range=[-0.55, len(weights) + 0.75])
    fig.update_yaxes(visible=False, range=[-max(sizes) / 2 - 0.1, max(sizes) / 2 + 0.1])
    fig.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 15}},
        height=height,
        margin=MARGIN,
        template="plotly_white",
        showlegend=False,
        annotations=notes,
    )
    return fig


def add_layer_nodes(fig, l: int, ys, names: list[str], active: bool) -> None:
    fig.add_scatter(
        x=[l] * len(ys),
        y=ys,
        mode="markers+text",
        text=names,
        textfont={"size": 15, "color": "#222"},
        marker={
            "size": 44,
            "color": "#ffffff",
            "line": {"color": ORANGE if active else BLUE, "width": 5 if active else 2},
        },
        hoverinfo="skip",
        showlegend=False,
    )


def node_notes(l: int, ys, labels: list[str]) -> list[dict]:
    """The numbers beside each node: left of the inputs, right of the other layers."""
    left = l == 0
    return [
        {
            "x": l,
            "y": y,
            "text": label,
            "showarrow": False,
            "xanchor": "right" if left else "left",
            "xshift": -30 if left else 30,
            "align": "left",
            "font": {"size": 14, "family": "monospace", "color": "#111"},
            "bgcolor": "rgba(255,255,255,0.85)",
        }
        for y, label in zip(ys, labels, strict=True)
        if label
    ]


def edge_labels(values: np.ndarray, l: int, ys) -> list[dict]:
    """values[i, j] written on the edge from node i of layer l − 1 to node j of layer l."""
    notes = []
    for i, j in np.ndindex(values.shape):
        t = edge_label_t(j, values.shape[1])
        notes.append(
            {
                "x": l - 1 + t,
                "y": ys[l - 1][i] + t * (ys[l][j] - ys[l - 1][i]),
                "text": f"{values[i, j]:.3g}",
                "showarrow": False,
                "font": {"size": 12, "color": "#222"},
                "bgcolor": "rgba(255,248,230,0.9)",
                "bordercolor": ORANGE,
                "borderwidth": 1,
            }
        )
    return notes
