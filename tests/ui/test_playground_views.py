"""A Playground run and the frames it sends to the browser: determinism, encoding, size."""

import base64
import json
from dataclasses import replace

import numpy as np
import pytest

from ui.playground import config as cf
from ui.playground import views
from ui.playground.run import BIG_RES, build_run, thumbnail_resolution, train

LARGEST = replace(cf.DEFAULT, features=tuple(cf.FEATURES), hidden=(cf.MAX_WIDTH,) * 8)
MAX_FRAME_BYTES = 25_000


def decode(b64: str, dtype) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b64), dtype=dtype)


def picture(run, **kwargs) -> dict:
    """The one picture of a still frame."""
    (pic,) = views.frame(run, **kwargs)["pictures"]
    return pic


def test_same_configuration_same_run():
    a, b = build_run(cf.DEFAULT), build_run(cf.DEFAULT)
    train(a, 12, budget_s=60)
    for _ in range(4):  # other frame sizes, same epochs
        train(b, 3, budget_s=60)
    assert a.trainer.epoch == b.trainer.epoch == 12
    assert a.trainer.history.test_loss == b.trainer.history.test_loss
    c = build_run(replace(cf.DEFAULT, seed=1))
    train(c, 12, budget_s=60)
    assert c.trainer.history.test_loss != a.trainer.history.test_loss


def test_train_trains_at_least_one_epoch_within_its_budget():
    run = build_run(cf.DEFAULT)
    assert train(run, 50, budget_s=0.0) == 1
    assert train(run, 3, budget_s=60) == 3


def test_output_heatmap_is_an_image_with_x2_up():
    run = build_run(cf.DEFAULT)
    train(run, 150, budget_s=60)  # learns the circle: blue (high) inside, orange outside
    z = decode(picture(run)["big"]["z"], np.uint8).reshape(BIG_RES, BIG_RES)
    assert z[BIG_RES // 2, BIG_RES // 2] > 200 and z[0, 0] < 50 and z[-1, -1] < 50
    # the first feature x1 as the big view: it grows to the right, the same in every row
    x1 = decode(picture(run, focus=(0, 0))["big"]["z"], np.uint8).reshape(BIG_RES, BIG_RES)
    assert x1[0, 0] == 0 and x1[0, -1] == 255 and np.all(x1 == x1[0])
    x2 = decode(picture(run, focus=(0, 1))["big"]["z"], np.uint8).reshape(BIG_RES, BIG_RES)
    assert x2[0, 0] == 255 and x2[-1, 0] == 0  # row 0 is the top: x2 = +6


def test_discretize_leaves_two_values():
    run = build_run(replace(cf.DEFAULT, discretize=True))
    z = decode(picture(run)["big"]["z"], np.uint8)
    assert set(np.unique(z)) <= {0, 255}


def test_multiclass_frame_has_a_class_per_pixel():
    run = build_run(replace(cf.DEFAULT, dataset="blobs", n_classes=4).normalized())
    train(run, 5, budget_s=60)
    big = picture(run)["big"]
    assert big["mode"] == "class"
    classes = decode(big["cls"], np.uint8)
    assert classes.size == BIG_RES**2 and classes.max() < 4


def test_network_tiles_weights_and_biases():
    run = build_run(cf.DEFAULT)
    net = picture(run)["net"]
    assert net["sizes"] == [2, 4, 2, 1]
    tiles = decode(net["tiles"], np.uint8)
    assert tiles.size == sum(net["sizes"]) * net["res"] ** 2
    W = decode(net["W"], np.int16) * net["w_max"] / views.INT16_MAX
    params = run.model.get_params()
    flat = np.concatenate([params[f"W{l}"].ravel() for l in (1, 2, 3)])
    np.testing.assert_allclose(W, flat, atol=net["w_max"] / views.INT16_MAX)
    assert decode(net["b"], np.float32).size == 4 + 2 + 1


def test_replay_shows_a_snapshot_and_leaves_the_live_network_alone():
    run = build_run(cf.DEFAULT)
    train(run, 30, budget_s=60)
    live = run.model.get_theta()
    early, now = views.frame(run, epoch=2), views.frame(run)
    assert early["pictures"][0]["epoch"] == 2 and early["curves"]["mark"] == 2
    assert now["pictures"][0]["epoch"] == 30 and now["curves"]["mark"] is None
    assert early["pictures"][0]["big"]["z"] != now["pictures"][0]["big"]["z"]
    assert early["pictures"][0]["best"] <= 2
    np.testing.assert_array_equal(run.model.get_theta(), live)


def test_curves_are_thinned_but_keep_the_best_epoch():
    run = build_run(replace(cf.DEFAULT, lr=0.3))
    train(run, 700, budget_s=60)
    frame = views.frame(run)
    epochs = decode(frame["curves"]["epoch"], np.int32)
    assert len(epochs) <= views.MAX_CURVE_POINTS + 1
    assert epochs[0] == 0 and epochs[-1] == run.trainer.epoch
    assert frame["pictures"][0]["best"] == run.trainer.best_epoch() in epochs


@pytest.mark.parametrize("config", [cf.DEFAULT, LARGEST], ids=["default", "largest"])
def test_a_drawn_frame_costs_under_25_kb(config):
    """A tick of live.training_frame: the scene and 3 pictures, 10 epochs apart."""
    run = build_run(replace(config, show_test=True))
    train(run, 300, budget_s=1)
    pictures = []
    for _ in range(3):
        train(run, 10, budget_s=1)
        pictures.append(views.picture(run, run.trainer.epoch, None))
    tick = {**views.scene(run, None), "pictures": pictures}
    assert len(json.dumps(tick)) / len(pictures) < MAX_FRAME_BYTES


def test_thumbnails_shrink_for_large_networks():
    assert thumbnail_resolution(9) == 20
    assert thumbnail_resolution(7 + 8 * 16 + 6) < 8
