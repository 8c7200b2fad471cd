"""The CNN: spec validation, whole-network gradient check, overfitting, training on digits."""

import numpy as np
import pytest

from engine import images
from engine.cnn_spec import CNNSpec, initial_params
from engine.cnn_trainer import BatchTrainer, make_cnn
from engine.gradcheck import numerical_gradient, relative_error
from engine.numpy_backend.cnn import CNN
from engine.spec import to_targets


def test_shapes_follow_the_spec():
    spec = CNNSpec(in_size=28, filters=(8, 16), k=5, pool="avg")
    shapes = spec.param_shapes()
    assert shapes == {
        "W1": (8, 1, 5, 5), "b1": (8,),
        "W2": (16, 8, 5, 5), "b2": (16,),
        "W3": (16 * 7 * 7, 10), "b3": (10,),
    }  # fmt: skip
    assert spec.map_sizes == (28, 14, 7)
    assert spec.n_params() == 8 * 25 + 8 + 16 * 8 * 25 + 16 + 784 * 10 + 10


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"k": 4}, "kernel size k must be one of"),
        ({"in_size": 4, "k": 5}, "larger than the image"),
        ({"in_size": 4, "filters": (2, 2, 2)}, "shrink"),
        ({"filters": (0,)}, "number of filters"),
        ({"filters": ()}, "convolution blocks"),
        ({"pool": "median"}, "pooling"),
        ({"lam": -1.0}, "λ"),
    ],
)
def test_bad_specs_are_explained(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CNNSpec(**kwargs).validate()


def test_initial_weights_are_seeded_he_and_xavier():
    spec = CNNSpec(in_size=28, filters=(32,), k=5)
    a, b = initial_params(spec, seed=1), initial_params(spec, seed=1)
    assert all(np.array_equal(a[n], b[n]) for n in a)
    assert not np.array_equal(a["W1"], initial_params(spec, seed=2)["W1"])
    assert a["W1"].std() == pytest.approx(np.sqrt(2 / 25), rel=0.15)  # He: 2/fan_in
    assert a["W2"].std() == pytest.approx(np.sqrt(2 / (32 * 14 * 14 + 10)), rel=0.05)
    assert not a["b1"].any()


@pytest.mark.parametrize(
    "spec",
    [
        CNNSpec(in_size=6, filters=(3,), k=3, pool="max", lam=0.3),
        CNNSpec(in_size=8, filters=(2, 3), k=3, pool="avg", lam=0.1),
        CNNSpec(in_size=7, filters=(2, 2), k=5, pool="max", n_classes=3),
    ],
    ids=["one-block-max-l2", "two-blocks-avg", "odd-size-k5"],
)
def test_whole_cnn_gradient_check(spec):
    rng = np.random.default_rng(0)
    model = CNN(spec, seed=1, dtype=np.float64)
    model.theta += 0.05 * rng.standard_normal(model.theta.shape)  # biases away from 0 too
    X = rng.random((4, spec.in_size, spec.in_size))
    Y = to_targets(rng.integers(0, spec.n_classes, 4), spec)
    model.loss_and_grads(X, Y)
    numeric = numerical_gradient(lambda: model.loss(X, Y), model.theta)
    for name, (start, stop) in _slices(model).items():
        assert relative_error(model.dtheta[start:stop], numeric[start:stop]) < 1e-6, name


def _slices(model):
    from engine.params import layout

    return {name: (a, b) for name, (a, b, _) in layout(model.shapes).items()}


def test_overfits_a_tiny_batch():
    data = images.load_digits()
    spec = CNNSpec(in_size=8, filters=(4,))
    model = CNN(spec, seed=0)
    X, Y = data.X_train[:20], to_targets(data.y_train[:20], spec)
    opt = model.make_optimizer("adam", 0.02)
    first = model.loss(X, Y)
    for _ in range(150):
        model.backprop(X, Y)
        opt.step(model.theta, model.dtheta)
    assert model.loss(X, Y) < 0.02 < first
    assert (model.predict(X).argmax(axis=1) == data.y_train[:20]).all()


def test_feature_maps_have_each_layers_shape():
    model = CNN(CNNSpec(in_size=28, filters=(4, 6)))
    maps = model.feature_maps(np.random.default_rng(0).random((2, 28, 28)))
    assert {k: v.shape for k, v in maps.items()} == {
        "A1": (2, 4, 28, 28), "P1": (2, 4, 14, 14), "A2": (2, 6, 14, 14), "P2": (2, 6, 7, 7),
    }  # fmt: skip
    assert min(v.min() for v in maps.values()) >= 0  # after ReLU


def test_default_cnn_reaches_95_percent_on_the_8x8_digits():
    model = make_cnn(CNNSpec(in_size=8, filters=(8, 16)))
    trainer = BatchTrainer(model, images.load_digits(), lr=0.01)
    for _ in range(12):
        trainer.run_epoch()
    trainer.record()
    assert trainer.history["test_acc"][-1] >= 0.95
    assert trainer.epoch == 12 and trainer.pos == 0


def test_trainer_steps_through_epochs_and_keeps_a_kernel_timeline():
    data = images.load_digits()
    trainer = BatchTrainer(make_cnn(CNNSpec(in_size=8, filters=(4,))), data, batch_size=100, seed=3)
    assert trainer.m == 1438 and trainer.batches_per_epoch == 15
    trainer.step(4)
    assert trainer.epochs_done == pytest.approx(400 / 1438)
    trainer.record()
    trainer.step(11)
    assert trainer.epoch == 1 and trainer.pos == 0
    trainer.record()
    assert trainer.history["epoch"] == [pytest.approx(400 / 1438), 1.0]
    assert len(trainer.kernels) == 3 and trainer.kernels[0].shape == (4, 3, 3)
    assert not np.array_equal(trainer.kernels[0], trainer.kernels[-1])  # the kernels learned


def test_trainer_is_deterministic():
    data = images.load_digits()
    runs = []
    for _ in range(2):
        trainer = BatchTrainer(make_cnn(CNNSpec(in_size=8, filters=(4,)), seed=7), data, seed=7)
        trainer.step(10)
        runs.append(trainer.model.get_theta())
    assert np.array_equal(*runs)


def test_divergence_stops_and_restores_the_last_good_weights():
    data = images.load_digits()
    model = make_cnn(CNNSpec(in_size=8, filters=(4,)))
    trainer = BatchTrainer(model, data, optimizer="sgd", lr=1000)
    good = trainer.model.get_theta()
    with np.errstate(all="ignore"):
        trainer.step(40)
        trainer.record()
    assert trainer.diverged and trainer.history["epoch"] == []
    assert np.array_equal(trainer.model.get_theta(), good)
    trainer.step(5)
    assert trainer.pos == 40 * 32  # no training after divergence


def test_bad_engine_choices():
    spec = CNNSpec()
    with pytest.raises(ValueError, match="backend"):
        make_cnn(spec, backend="jax")
    with pytest.raises(ValueError, match="CPU only"):
        make_cnn(spec, backend="numpy", device="cuda")
    with pytest.raises(ValueError, match="batch size"):
        BatchTrainer(make_cnn(spec), images.load_digits(), batch_size=0)


def test_batch_trainer_also_trains_the_workshop_mlp():
    from engine.backends import make_mlp
    from engine.spec import MLPSpec

    data = images.load_digits()
    spec = MLPSpec(n_in=64, hidden=(32,), n_out=10, activation="tanh", output="softmax", loss="cce")
    trainer = BatchTrainer(make_mlp(spec), data, lr=0.01)
    trainer.run_epoch()
    trainer.record()
    assert trainer.kernels == [None, None]  # an MLP has no filters to show
    assert trainer.history["test_acc"][-1] > 0.8
