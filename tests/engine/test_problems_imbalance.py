"""The Problems lab's imbalance engine: imbalanced-learn's samplers as the lab uses them, SMOTE's
points on minority segments, the class-weighted loss's gradient, and the remedies' effect at a 5 %
minority share (fixed seeds)."""

import numpy as np
import pytest
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.under_sampling import RandomUnderSampler
from sklearn.neighbors import NearestNeighbors

from engine.gradcheck import numerical_gradient, relative_error
from engine.numpy_backend.mlp import MLP
from engine.problems import data, imbalance
from engine.problems.resample import REMEDIES, resample
from engine.problems.weighted import WeightedMLP, balanced_weights
from engine.spec import MLPSpec, to_targets

SEED = 3


@pytest.fixture(scope="module")
def split() -> data.Split:
    return data.imbalanced(0.05, seed=SEED)


def test_split_is_stratified_and_seeded(split: data.Split) -> None:
    assert split.y_train.mean() == pytest.approx(0.05, abs=0.005)
    assert split.y_test.mean() == pytest.approx(0.05, abs=0.005)
    again = data.imbalanced(0.05, seed=SEED)
    assert np.array_equal(again.X_train, split.X_train) and np.array_equal(
        again.y_test, split.y_test
    )
    with pytest.raises(ValueError, match="between 1 % and 50 %"):
        data.imbalanced(0.6)


@pytest.mark.parametrize(
    ("remedy", "sampler"),
    [
        ("under", RandomUnderSampler(random_state=SEED)),
        ("over", RandomOverSampler(random_state=SEED)),
        ("smote", SMOTE(k_neighbors=5, random_state=SEED)),
    ],
)
def test_resampled_sets_equal_imbalanced_learns(split: data.Split, remedy: str, sampler) -> None:
    ours = resample(remedy, split.X_train, split.y_train, SEED)
    X_ref, y_ref = sampler.fit_resample(split.X_train, split.y_train)
    assert np.array_equal(ours.X, X_ref) and np.array_equal(ours.y, y_ref)
    counts = np.bincount(ours.y)
    assert counts[0] == counts[1]  # both classes the same size after every resampling remedy
    n_min, n_maj = int(split.y_train.sum()), int((split.y_train == 0).sum())
    assert counts[0] == (n_min if remedy == "under" else n_maj)


def test_undersampling_marks_the_dropped_and_oversampling_the_copies(split: data.Split) -> None:
    under = resample("under", split.X_train, split.y_train, SEED)
    assert under.dropped.sum() == len(split.y_train) - len(under.y)
    assert not under.dropped[split.y_train == 1].any()  # minority points are never dropped
    over = resample("over", split.X_train, split.y_train, SEED)
    assert over.copies.sum() == len(over.y)
    assert (
        np.all(over.copies[split.y_train == 0] == 1) and over.copies[split.y_train == 1].min() >= 1
    )


def test_smote_points_lie_on_segments_between_minority_neighbours(split: data.Split) -> None:
    res = resample("smote", split.X_train, split.y_train, SEED)
    minority = split.X_train[split.y_train == 1]  # (n, 2)
    new = res.X[res.synthetic]  # (s, 2)
    assert len(new) == (split.y_train == 0).sum() - len(minority) and np.all(
        res.y[res.synthetic] == 1
    )
    # Each minority point's 5 nearest minority neighbours (itself excluded), as SMOTE finds them.
    _, nn = NearestNeighbors(n_neighbors=6).fit(minority).kneighbors(minority)
    for x in new:
        assert on_a_neighbour_segment(x, minority, nn[:, 1:]), x


def on_a_neighbour_segment(x, P: np.ndarray, nn: np.ndarray, tol: float = 1e-9) -> bool:
    """x = P[i] + u·(P[j] − P[i]) with u in [0, 1] for some i and one of its neighbours j."""
    for i, neighbours in enumerate(nn):
        for j in neighbours:
            d = P[j] - P[i]
            u = float(np.dot(x - P[i], d) / np.dot(d, d))
            if -tol <= u <= 1 + tol and np.linalg.norm(P[i] + u * d - x) < 1e-7:
                return True
    return False


def test_weighted_loss_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(0)
    spec = MLPSpec(n_in=2, hidden=(5, 3), activation="tanh")
    model = WeightedMLP(spec, np.array([0.6, 4.0]), seed=1)
    X, y = rng.standard_normal((12, 2)), (rng.random(12) < 0.3).astype(int)
    Y = to_targets(y, spec)
    model.loss_and_grads(X, Y)
    numeric = numerical_gradient(lambda: model.loss(X, Y), model.theta)
    assert relative_error(model.dtheta, numeric) < 1e-7


def test_weighted_loss_weights_each_class() -> None:
    spec = MLPSpec(n_in=2, hidden=(4,), activation="tanh")
    X = np.array([[0.5, -1.0], [1.0, 2.0], [-0.3, 0.2]])
    Y = to_targets(np.array([0, 1, 1]), spec)
    plain, equal = MLP(spec, seed=2), WeightedMLP(spec, np.ones(2), seed=2)
    assert equal.loss(X, Y) == pytest.approx(plain.loss(X, Y), rel=1e-12)
    heavy = WeightedMLP(spec, np.array([1.0, 3.0]), seed=2)
    assert heavy.loss(X, Y) > plain.loss(X, Y)
    assert balanced_weights(np.array([0, 0, 0, 1])) == pytest.approx([4 / 6, 2.0])
    with pytest.raises(ValueError, match="σ output"):
        WeightedMLP(MLPSpec(output="linear", loss="mse"), np.ones(2))


def test_metrics_and_the_always_majority_bar() -> None:
    assert imbalance.f1(0.5, 1.0) == pytest.approx(2 / 3)
    assert imbalance.f1(np.nan, 0.0) == 0.0
    assert imbalance.majority_accuracy(np.array([0] * 99 + [1])) == pytest.approx(0.99)


@pytest.fixture(scope="module")
def trained() -> tuple[data.Split, list[imbalance.RemedyRun]]:
    setup = imbalance.ImbalanceSetup(share=0.05, seed=0)
    split, runs = imbalance.build(setup)
    imbalance.train_all(runs, 60)
    return split, runs


def test_at_5_percent_remedies_find_the_minority(trained) -> None:
    split, runs = trained
    recall = {r.remedy: imbalance.report(r.trainer.model, split.X_test, split.y_test).recall[1]
              for r in runs}  # fmt: skip
    assert recall["none"] < 0.5, recall
    assert recall["smote"] > 0.8 and recall["weights"] > 0.8, recall
    accuracy = imbalance.report(runs[0].trainer.model, split.X_test, split.y_test).accuracy
    assert accuracy > 0.9  # ... while the plain run's accuracy looks fine: the paradox


def test_every_remedy_is_tested_on_the_same_untouched_test_set(trained) -> None:
    split, runs = trained
    assert [r.remedy for r in runs] == list(REMEDIES)
    for r in runs:
        assert np.array_equal(r.trainer.y_test, split.y_test)
        assert np.array_equal(r.trainer.X_test, split.X_test)


def test_same_setup_and_seed_give_the_same_runs_bit_for_bit() -> None:
    setup = imbalance.ImbalanceSetup(share=0.1, seed=5)
    (_, a), (_, b) = imbalance.build(setup), imbalance.build(setup)
    imbalance.train_all(a, 3)
    imbalance.train_all(b, 3)
    for ra, rb in zip(a, b, strict=True):
        assert np.array_equal(ra.trainer.model.theta, rb.trainer.model.theta)
