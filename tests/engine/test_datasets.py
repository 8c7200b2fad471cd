import numpy as np
import pytest

from engine.datasets import (
    BINARY,
    FEATURES,
    MULTICLASS,
    NAMES,
    DataSpec,
    class_sizes,
    featurize,
    grid,
    make_dataset,
    xor_workshop,
)


@pytest.mark.parametrize("name", NAMES)
def test_same_spec_same_points(name):
    a = make_dataset(DataSpec(name=name, seed=7, noise=0.2))
    b = make_dataset(DataSpec(name=name, seed=7, noise=0.2))
    c = make_dataset(DataSpec(name=name, seed=8, noise=0.2))
    np.testing.assert_array_equal(a.X_train, b.X_train)
    np.testing.assert_array_equal(a.y_test, b.y_test)
    assert not np.array_equal(a.X_train, c.X_train)


@pytest.mark.parametrize("name", NAMES)
def test_sizes_and_split(name):
    d = make_dataset(DataSpec(name=name, n_points=300, train_ratio=0.7))
    assert d.X_train.shape == (210, 2) and d.X_test.shape == (90, 2)
    assert len(d.y_train) == 210 and len(d.y_test) == 90
    assert np.all(np.abs(np.concatenate([d.X_train, d.X_test])) < 8)


@pytest.mark.parametrize("name", BINARY)
def test_binary_labels_and_balance(name):
    balanced = make_dataset(DataSpec(name=name, n_points=400))
    y = np.concatenate([balanced.y_train, balanced.y_test])
    assert set(np.unique(y)) == {0, 1}
    assert abs(y.mean() - 0.5) < 0.01
    skewed = make_dataset(DataSpec(name=name, n_points=440, balance=0.1))
    y = np.concatenate([skewed.y_train, skewed.y_test])
    assert (y == 1).sum() == 40 and (y == 0).sum() == 400


@pytest.mark.parametrize("name", MULTICLASS)
@pytest.mark.parametrize("k", [3, 6])
def test_multiclass_labels(name, k):
    d = make_dataset(DataSpec(name=name, n_classes=k, n_points=600))
    y = np.concatenate([d.y_train, d.y_test])
    assert set(np.unique(y)) == set(range(k))
    assert np.all(np.bincount(y) == 600 // k)


def test_class_sizes_fall_geometrically():
    sizes = class_sizes(700, 3, 0.25)
    assert sizes.sum() == 700
    assert sizes[2] / sizes[0] == pytest.approx(0.25, abs=0.01)


def test_circle_labels_follow_the_radius_without_noise():
    d = make_dataset(DataSpec(name="circle"))
    r = np.linalg.norm(d.X_train, axis=1)
    assert np.all(r[d.y_train == 1] < 2.5) and np.all(r[d.y_train == 0] > 3.5)


def test_regression_targets():
    d = make_dataset(DataSpec(name="plane"))
    np.testing.assert_allclose(d.y_train, d.X_train.sum(axis=1) / 10)
    g = make_dataset(DataSpec(name="gaussians"))
    assert g.y_train.min() >= -1 and g.y_train.max() <= 1 and g.y_train.std() > 0.1


def test_features():
    X = np.array([[1.0, 2.0], [-3.0, 0.5]])
    F = featurize(X, tuple(FEATURES))
    assert F.shape == (2, 7)
    np.testing.assert_allclose(F[0], [1, 2, 1, 4, 2, np.sin(1), np.sin(2)])


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"name": "moon"}, "dataset"),
        ({"n_points": -5}, "n_points"),
        ({"noise": 0.9}, "noise"),
        ({"train_ratio": 1.0}, "train_ratio"),
        ({"balance": 0}, "balance"),
        ({"name": "blobs", "n_classes": 9}, "n_classes"),
    ],
)
def test_bad_specs_name_the_parameter(kwargs, word):
    with pytest.raises(ValueError, match=word):
        make_dataset(DataSpec(**kwargs))


def test_bad_features():
    with pytest.raises(ValueError, match="features"):
        featurize(np.zeros((2, 2)), ())
    with pytest.raises(ValueError, match="features"):
        featurize(np.zeros((2, 2)), ("x3",))


def test_grid_and_xor_workshop():
    axis, points = grid(5, 6.0)
    assert axis[0] == -6 and axis[-1] == 6 and points.shape == (25, 2)
    X, y = xor_workshop()
    assert X.shape == (4, 3) and list(y) == [0, 1, 1, 0]
