"""The lab's figures are pure functions of arrays: check what they draw, without a server."""

import numpy as np
import pytest

from engine import backprop_steps as bs
from ui import text
from ui.backprop import diagram, figures, stepper

S = text.load("backprop")["stepper"]


def edge_traces(fig):
    return [t for t in fig.data if t.mode == "lines"]


def test_network_diagram_draws_every_weight_with_its_sign_colour():
    W1 = np.array([[1.0, -1.0], [0.5, 0.0]])
    W2 = np.array([[2.0], [-2.0]])
    fig = diagram.network_diagram(
        [W1, W2], [["a", "b"], ["c", "d"], ["e"]], [["", ""], ["z = 1", ""], ["y"]], 1, {}, "t"
    )
    edges = edge_traces(fig)
    assert len(edges) == W1.size + W2.size
    by_text = {t.text: t for t in edges}
    strong_pos, strong_neg = by_text["W[2]1,1 = 2"], by_text["W[2]2,1 = -2"]
    assert strong_pos.line.color == figures.edge_color(1, 1)  # dark blue end of RdBu
    assert strong_neg.line.color == figures.edge_color(-1, 1)  # dark red end
    assert strong_pos.line.color != strong_neg.line.color
    assert strong_pos.line.width > by_text["W[1]2,1 = 0.5"].line.width
    nodes = [t for t in fig.data if t.mode == "markers+text"]
    assert [n.marker.line.color for n in nodes] == [figures.BLUE, figures.ORANGE, figures.BLUE]
    assert [a.text for a in fig.layout.annotations] == ["z = 1", "y"]


def test_edge_labels_sit_on_their_edges():
    W1 = np.arange(12.0).reshape(3, 4) - 5
    names = [["x"] * 3, ["h"] * 4, ["o"]]
    labels = [[""] * 3, [""] * 4, [""]]
    fig = diagram.network_diagram([W1, np.ones((4, 1))], names, labels, 1, {1: W1}, "t")
    notes = fig.layout.annotations
    assert len(notes) == 12
    ys0, ys1 = diagram.positions(3), diagram.positions(4)
    for note in notes:
        i, j = np.argwhere(float(note.text) == W1)[0]
        t = note.x  # layer 1's edges run from x = 0 to x = 1
        assert note.y == pytest.approx(ys0[i] + t * (ys1[j] - ys0[i]))
    heights = sorted(n.y for n in notes)
    assert min(np.diff(heights)) >= 0.2  # stacked a label's height apart: none hides another


def test_stepper_diagram_shows_the_known_numbers_of_the_selected_example():
    s = bs.XorStepper(seed=1)
    for _ in range(9):  # up to and including δ[1]
        s.next()
    assert s.step.key == "delta"
    fig = stepper.diagram(S, s, 2)
    text_of = [a.text for a in fig.layout.annotations]
    Z1, dZ1 = s.steps[1].results["Z1"], s.step.results["dZ1"]
    hidden = text_of[3:7]
    for j, label in enumerate(hidden):
        assert f"{Z1[2, j]:.4g}" in label and f"{dZ1[2, j]:.4g}" in label
    assert "y = 1" in text_of[-1]


def test_stepper_diagram_labels_edges_with_dw_in_the_gradient_step():
    s = bs.XorStepper(seed=1)
    for _ in range(7):
        s.next()
    assert (s.step.key, s.step.layer) == ("grads", 2)
    fig = stepper.diagram(S, s, 0)
    dW2 = s.model.grads["W2"]
    shown = {a.text for a in fig.layout.annotations}
    assert {f"{v:.3g}" for v in dW2[:, 0]} <= shown


def test_boundaries_and_straight_line():
    axis = np.linspace(-6, 6, 5)
    P = np.full((5, 5), 0.5)
    X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1])
    fig = figures.boundaries(axis, [("a", P), ("b", P)], X, y, 300)
    assert [t.type for t in fig.data] == ["heatmap", "scatter", "scatter"] * 2
    figures.add_line(fig, np.array([1.0, 2.0]), 3.0, col=1, extent=6.0)
    line = fig.data[-1]
    np.testing.assert_allclose(np.array(line.x) + 2 * np.array(line.y) + 3, 0, atol=1e-12)
    count = len(fig.data)
    figures.add_line(fig, np.zeros(2), 1.0, col=1, extent=6.0)
    assert len(fig.data) == count  # no boundary when W* = 0


def test_curves_and_loss_history():
    fig = figures.curves({"a": np.array([1.0, 0.1]), "b": np.array([2.0])}, "t", "x", "y")
    assert fig.layout.yaxis.type == "log"
    assert list(fig.data[0].x) == [1, 2]
    fig = figures.loss_history(np.array([0.7, 0.6, 0.5]), 1, "t", "epoch", "J")
    assert list(fig.data[0].x) == [0, 1, 2]
    assert list(fig.data[-1].x) == [1] and list(fig.data[-1].y) == [0.6]
    long = figures.loss_history(np.linspace(1, 0, 20_001), 12_345, "t", "epoch", "J")
    assert len(long.data[0].x) <= 1100 and long.data[0].x[-1] <= 20_000
    assert list(long.data[-1].x) == [12_345]


def test_activation_curve_and_matrix_heatmap():
    z = np.linspace(-1, 1, 3)
    fig = figures.activation_curve(z, z, np.ones(3), ("f", "f'"), point=(0.5, 0.5))
    assert [t.name for t in fig.data] == ["f", "f'", "(z, a)"]
    M = np.array([[1.0, -2.0]])
    heat = figures.matrix_heatmap(M, "M")
    assert heat.data[0].zmin == -2 and heat.data[0].zmax == 2
