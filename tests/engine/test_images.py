"""Offline image data: shapes, scaling, deterministic stratified splits, drawing preparation."""

import numpy as np
import pytest

from engine import images


def test_digits_shapes_scaling_and_split():
    data = images.load_digits(test_fraction=0.2, seed=0)
    assert data.X_train.shape[1:] == (8, 8)
    assert len(data.X_train) + len(data.X_test) == 1797
    assert abs(len(data.X_test) - 0.2 * 1797) < 10
    assert data.X_train.min() == 0.0 and data.X_train.max() == 1.0
    # stratified: every class has about the same share in the test set
    counts = np.bincount(data.y_test, minlength=10)
    assert counts.min() >= 33 and counts.max() <= 38


def test_mnist_read_from_installed_package():
    path = images.mnist_path()
    assert path.name == "mnist_5k.csv.gz" and path.exists()
    data = images.load_mnist(test_fraction=0.2, seed=0, flat=True, dtype=np.float32)
    assert data.X_train.shape == (4000, 784) and data.X_test.shape == (1000, 784)
    assert data.X_train.dtype == np.float32
    assert data.X_train.min() >= 0.0 and data.X_train.max() == 1.0
    assert np.array_equal(np.bincount(data.y_test), np.full(10, 100))


def test_split_is_seeded_and_disjoint():
    a = images.load_digits(seed=3)
    b = images.load_digits(seed=3)
    c = images.load_digits(seed=4)
    assert np.array_equal(a.X_train, b.X_train) and np.array_equal(a.y_test, b.y_test)
    assert not np.array_equal(a.y_train, c.y_train)
    train = {x.tobytes() for x in a.X_train}
    assert sum(x.tobytes() in train for x in a.X_test) < 5  # only true duplicate images


def test_cached_raw_data_cannot_be_modified():
    data = images.load_digits()
    data.X_train[0, 0, 0] = 0.5  # the split is the caller's own copy
    X, _ = images._digits_raw()
    with pytest.raises(ValueError):
        X[0, 0, 0] = 1


def test_bad_test_fraction():
    with pytest.raises(ValueError, match="test_fraction"):
        images.load_digits(test_fraction=1.5)


def test_resize_matches_bilinear_on_a_ramp():
    ramp = np.tile(np.arange(4.0), (4, 1))
    out = images.resize(ramp, 8, 8)
    assert out.shape == (8, 8)
    assert np.allclose(out[0], [0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3])


def test_prepare_drawing_centres_and_scales_the_ink():
    canvas = np.zeros((200, 300))
    canvas[20:60, 10:30] = 1.0  # a small stroke in a corner of a big picture
    x = images.prepare_drawing(canvas, 28)
    assert x.shape == (28, 28) and x.max() == pytest.approx(1.0)
    rows, cols = np.nonzero(x > 0.5)
    assert rows.max() - rows.min() + 1 == 20  # longer side scaled to 20 of 28 pixels, like MNIST
    assert abs(rows.mean() - 13.5) <= 1 and abs(cols.mean() - 13.5) <= 1


@pytest.mark.parametrize("img", [np.zeros((28, 28)), np.full((10, 10), 0.7), np.zeros(5)])
def test_prepare_drawing_rejects_blank_or_malformed(img):
    with pytest.raises(ValueError, match="drawing"):
        images.prepare_drawing(img, 28)
