"""The Problems lab's figures: a frame updates the figure built on the first one (maps, bars,
confusion counts), and the confusion matrices sit side by side in one heatmap."""

import numpy as np

from engine.numpy_backend.mlp import MLP
from engine.spec import MLPSpec
from ui.problems import figures as fg

L = {
    "true": "true",
    "predicted": "predicted",
    "scores": {"accuracy": "a", "recall": "r", "f1": "f"},
    "scores_title": "s",
    "always_majority": "m",
}


def test_confusion_cells_place_each_matrix_with_a_blank_column_between() -> None:
    C1, C2 = np.array([[8, 2], [1, 3]]), np.array([[5, 5], [0, 4]])
    z, text = fg.confusion_cells([C1, C2])
    assert z.shape == (2, 5) and np.isnan(z[:, 2]).all() and list(text[:, 2]) == ["", ""]
    np.testing.assert_allclose(z[:, :2], [[0.8, 0.2], [0.25, 0.75]])
    assert text[1, 4] == "4" and text[0, 3] == "5"


def test_a_frame_replaces_only_the_changing_data() -> None:
    P = np.zeros((fg.RES, fg.RES))
    points = [fg.Points(np.zeros((3, 2)), "majority", fg.MAJORITY)]
    fig = fg.boundaries(["a", "b", "c"], [P, P, None], [points, points, points])
    heatmaps = [t for t in fig.data if t.type == "heatmap"]
    assert len(heatmaps) == 3 and len(fig.data) == 6
    fg.set_maps(fig, [P + 1, P + 0.5, None])
    assert np.asarray(heatmaps[0].z).max() == 1 and np.asarray(heatmaps[1].z).max() == 0.5
    assert np.allclose(np.asarray(heatmaps[2].z), 0.5)  # the panel without a network stays white
    confusions = fg.confusions(["a"], [np.eye(2, dtype=int)], ["0", "1"], L)
    fg.set_confusions(confusions, [np.array([[1, 3], [0, 2]])])
    assert list(confusions.data[0].text[0]) == ["1", "3"]
    scores = fg.scores(["a"], {"accuracy": [0.1], "recall": [0.2], "f1": [0.3]}, L, 0.9)
    fg.set_bars(scores, {"accuracy": [0.5], "recall": [0.6], "f1": [0.7]})
    assert [t.y[0] for t in scores.data] == [0.5, 0.6, 0.7]


def test_probability_map_rows_run_along_x2() -> None:
    spec = MLPSpec(n_in=2, hidden=(), activation="tanh")
    model = MLP(spec, params={"W1": np.array([[0.0], [5.0]]), "b1": np.zeros(1)})  # p = σ(5·x₂)
    P = fg.probability_map(model)
    assert P[0, 0] < 0.01 and P[-1, 0] > 0.99 and np.allclose(P[:, 0], P[:, -1])
