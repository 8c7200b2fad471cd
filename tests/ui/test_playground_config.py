"""The Playground's configuration: URL round trip, hostile URLs, widget round trip."""

from dataclasses import replace

import pytest

from ui.playground import config as cf
from ui.playground.controls import config_from_widgets, widget_values

CUSTOM = cf.PlaygroundConfig(
    dataset="blobs",
    noise=0.15,
    train_ratio=0.7,
    balance=0.4,
    n_points=1000,
    n_classes=5,
    seed=1234,
    features=("x1", "x2", "x1sq", "sinx2"),
    hidden=(8, 3, 16),
    activation="relu",
    head="softmax_cce",
    lr=0.0123,
    reg="elasticnet",
    lam=0.3,
    batch_size=25,
    optimizer="adam",
    init="he",
    engine="torch-cpu",
    speed=50,
    show_test=True,
    discretize=True,
)


def test_defaults_are_the_peers():
    d = cf.DEFAULT
    assert (d.dataset, d.features, d.hidden) == ("circle", ("x1", "x2"), (4, 2))
    assert d.activation == "tanh"
    assert (d.lr, d.batch_size, d.train_ratio, d.noise) == (0.03, 10, 0.5, 0.0)
    spec = d.mlp_spec()
    assert (spec.output, spec.loss, spec.n_in, spec.n_out) == ("tanh", "half_mse", 2, 1)


@pytest.mark.parametrize("config", [cf.DEFAULT, CUSTOM], ids=["default", "custom"])
def test_url_round_trip(config):
    query = cf.to_query(config)
    assert all(isinstance(v, str) for v in query.values())
    assert cf.from_query(query) == (config, [])
    assert len(query) == (0 if config == cf.DEFAULT else len(cf.FIELDS))  # only what differs


def test_missing_keys_take_defaults_silently_and_unknown_keys_are_ignored():
    assert cf.from_query({}) == (cf.DEFAULT, [])
    assert cf.from_query({"utm_source": "mail", "lr": "0.1"}) == (replace(cf.DEFAULT, lr=0.1), [])


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("data", "mnist"),
        ("noise", "nan"),
        ("noise", "abc"),
        ("lr", "inf"),
        ("lr", "0x10"),
        ("points", "123"),
        ("seed", "1.5"),
        ("features", ""),
        ("features", "x1,<script>alert(1)</script>"),
        ("layers", "4,0"),
        ("layers", "4,17"),
        ("layers", "1,1,1,1,1,1,1,1,1"),
        ("layers", "a,b"),
        ("activation", "softplus"),
        ("engine", "tpu"),
        ("speed", "7"),
        ("test", "yes"),
        ("batch", "9" * 5000),
    ],
)
def test_malformed_value_falls_back_to_the_default_and_is_reported(key, value):
    config, problems = cf.from_query({key: value})
    assert config == cf.DEFAULT
    assert problems == [key]


@pytest.mark.parametrize(
    ("key", "value", "field", "clamped"),
    [
        ("lr", "1e9", "lr", cf.MAX_LR),
        ("lr", "-1", "lr", cf.MIN_LR),
        ("noise", "0.9", "noise", 0.5),
        ("train", "0", "train_ratio", 0.1),
        ("batch", "100000", "batch_size", cf.MAX_BATCH),
        ("seed", "-5", "seed", 0),
        ("lambda", "1e300", "lam", cf.MAX_LAM),
    ],
)
def test_out_of_range_number_is_clamped_and_reported(key, value, field, clamped):
    config, problems = cf.from_query({key: value})
    assert getattr(config, field) == clamped
    assert problems == [key]


def test_a_head_that_does_not_fit_the_task_is_replaced():
    config, problems = cf.from_query({"data": "plane", "head": "sigmoid_bce"})
    assert config.head == "linear_mse" and problems == ["head"]
    # switching the data set alone silently brings the task's own head
    assert cf.from_query({"data": "blobs"})[0].head == "softmax_cce"


def test_features_are_kept_in_canonical_order_without_repeats():
    config, problems = cf.from_query({"features": "sinx1,x1,x1"})
    assert config.features == ("x1", "sinx1") and problems == []


def test_specs_follow_the_configuration():
    spec = CUSTOM.mlp_spec()
    assert spec.sizes == (4, 8, 3, 16, 5)
    assert (spec.output, spec.loss, spec.reg, spec.lam, spec.init) == (
        "softmax",
        "cce",
        "elasticnet",
        0.3,
        "he",
    )
    data = CUSTOM.data_spec()
    assert (data.name, data.n_classes, data.seed, data.balance) == ("blobs", 5, 1234, 0.4)
    assert CUSTOM.engine_features() == ("x1", "x2", "x1^2", "sin(x2)")
    assert CUSTOM.backend == ("torch", "cpu")


def test_view_settings_do_not_change_the_run():
    seen = replace(CUSTOM, speed=1, show_test=False, discretize=False)
    assert seen.run_key() == CUSTOM.run_key()
    assert replace(CUSTOM, seed=1).run_key() != CUSTOM.run_key()


@pytest.mark.parametrize("config", [cf.DEFAULT, CUSTOM], ids=["default", "custom"])
def test_widget_round_trip(config):
    assert config_from_widgets(widget_values(config)) == config
