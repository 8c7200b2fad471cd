"""The network diagram of the backprop stepper: nodes with their numbers, edges coloured by weight.

Layers are columns (the gap after the inputs is narrow, the others leave room for the numbers
beside each node); edges carry the sign of the weight as RdBu colour (red negative, blue
positive) and its size as width. The layer the current step works on is outlined in orange, and
the numbers the step uses on its edges (W, dW or the new W) are written where the edges into each
node converge: there they stack in the order of the edges, so none hides another.
"""

import numpy as np
import plotly.graph_objects as go

from ui.backprop.figures import BLUE, MARGIN, ORANGE, edge_color


def positions(n: int) -> np.ndarray:
    """y of n nodes in a column, centred on 0, top to bottom."""
    return (n - 1) / 2 - np.arange(n)


def columns(n_layers: int) -> np.ndarray:
    """x of each layer: 1 after the inputs (labelled on their left), WIDE_GAP after the others."""
    return np.concatenate([[0.0], 1.0 + WIDE_GAP * np.arange(n_layers)])


def label_t(gap: float) -> float:
    """How far along an edge its label goes: close to the target, where the edges converge but
    still a label's height apart (the gap between two source nodes is 1, so 1 − t ≥ 0.2)."""
    return 1 - max(0.2, 0.25 / gap)


WIDE_GAP = 1.8


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
    xs, ys = columns(len(weights)), [positions(n) for n in sizes]
    wmax = max(float(np.abs(W).max()) for W in weights) or 1.0
    fig, notes = go.Figure(), []  # annotations go in at once: add_annotation is slow
    for l, W in enumerate(weights, start=1):
        for i, j in np.ndindex(W.shape):
            w = float(W[i, j])
            fig.add_scatter(
                x=[xs[l - 1], xs[l]],
                y=[ys[l - 1][i], ys[l][j]],
                mode="lines",
                line={"color": edge_color(w, wmax), "width": 1 + 6 * abs(w) / wmax},
                hoverinfo="text",
                text=f"W[{l}]{i + 1},{j + 1} = {w:.6g}",
                showlegend=False,
            )
        if l in edge_values:
            notes += edge_labels(edge_values[l], xs[l - 1 : l + 1], ys[l - 1 : l + 1])
    for l in range(len(sizes)):
        add_layer_nodes(fig, xs[l], ys[l], node_names[l], l == active)
        notes += node_notes(xs[l], ys[l], node_labels[l], left=l == 0)
    fig.update_xaxes(visible=False, range=[-0.55, xs[-1] + 1.0])
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


def add_layer_nodes(fig, x: float, ys, names: list[str], active: bool) -> None:
    fig.add_scatter(
        x=[x] * len(ys),
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


def node_notes(x: float, ys, labels: list[str], left: bool) -> list[dict]:
    """The numbers beside each node: left of the inputs, right of the other layers."""
    return [
        {
            "x": x,
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


def edge_labels(values: np.ndarray, xs, ys) -> list[dict]:
    """values[i, j] on the edge from node i at xs[0] to node j at xs[1], just before node j."""
    t, notes = label_t(xs[1] - xs[0]), []
    for i, j in np.ndindex(values.shape):
        notes.append(
            {
                "x": xs[0] + t * (xs[1] - xs[0]),
                "y": ys[0][i] + t * (ys[1][j] - ys[0][i]),
                "xanchor": "right",  # ends at the edge, clear of the node
                "text": f"{values[i, j]:.3g}",
                "showarrow": False,
                "font": {"size": 12, "color": "#222"},
                "bgcolor": "rgba(255,248,230,0.9)",
                "bordercolor": ORANGE,
                "borderwidth": 1,
            }
        )
    return notes
