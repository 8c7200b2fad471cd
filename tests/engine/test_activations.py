"""Every activation's derivative against centered finite differences, and the softmax Jacobian."""

import numpy as np
import pytest

from engine import activation_gallery as gallery
from engine.numpy_backend.activations import FUNCTIONS, activate, derivative, softmax

EPS = 1e-6
ELEMENTWISE = [name for name in FUNCTIONS if name != "softmax"]
KINKS = {"step": [0.0], "sign": [0.0], "relu": [0.0], "leaky_relu": [0.0], "elu": [0.0]}
KINKS["piecewise_linear"] = [-0.5, 0.5]


def sample_points(name: str) -> np.ndarray:
    """Points in [−6, 6] kept 1e-3 away from the function's kinks, where φ' exists."""
    z = np.random.default_rng(0).uniform(-6, 6, 400)
    for kink in KINKS.get(name, []):
        z = z[np.abs(z - kink) > 1e-3]
    return z


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_centered_differences(name):
    z = sample_points(name)
    numeric = (activate(name, z + EPS) - activate(name, z - EPS)) / (2 * EPS)
    analytic = derivative(name, z, activate(name, z))
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", gallery.NAMES)
def test_gallery_curve_derivative_matches_centered_differences(name):
    z = sample_points(name)
    A, dA = gallery.curve(name, z)
    numeric = (gallery.curve(name, z + EPS)[0] - gallery.curve(name, z - EPS)[0]) / (2 * EPS)
    np.testing.assert_allclose(dA, numeric, rtol=1e-6, atol=1e-8)
    assert A.shape == dA.shape == z.shape


def test_softmax_jacobian_matches_centered_differences():
    a = np.array(gallery.LECTURE_LOGITS)
    numeric = np.zeros((3, 3))
    for j in range(3):
        e = np.zeros(3)
        e[j] = EPS
        numeric[:, j] = (softmax(a + e) - softmax(a - e)) / (2 * EPS)  # column j: ∂σ/∂a_j
    J = gallery.softmax_jacobian(a)
    np.testing.assert_allclose(J, numeric, rtol=1e-6, atol=1e-10)
    s = softmax(a)
    np.testing.assert_allclose(J, np.diag(s) - np.outer(s, s), atol=1e-15)


def test_lecture_softmax_example():
    """softmax([−0.21, 0.47, 1.72]) ≈ [0.1, 0.2, 0.7] (lecture 004)."""
    np.testing.assert_allclose(
        softmax(np.array(gallery.LECTURE_LOGITS)), [0.1, 0.2, 0.7], atol=0.02
    )


def test_step_and_sign_follow_the_lecture_table():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_array_equal(activate("step", z), [0, 0.5, 1])
    np.testing.assert_array_equal(activate("sign", z), [-1, 0, 1])
    np.testing.assert_array_equal(
        activate("piecewise_linear", np.array([-1, 0, 0.25, 1])), [0, 0.5, 0.75, 1]
    )


def test_only_step_and_sign_are_marked_unusable():
    unusable = {a.name for a in gallery.GALLERY if not a.trainable}
    assert unusable == {"step", "sign"}
    for name in unusable:
        _, dA = gallery.curve(name, sample_points(name))
        assert np.all(dA == 0)


def test_sigmoid_derivative_is_at_most_a_quarter():
    _, dA = gallery.curve("sigmoid", np.linspace(-10, 10, 2001))
    assert dA.max() == pytest.approx(0.25)


def test_gallery_covers_the_engine_and_rejects_unknown_names():
    assert set(gallery.NAMES) == set(FUNCTIONS)
    with pytest.raises(ValueError, match="activation"):
        gallery.curve("swish", np.zeros(3))


def test_neuron_me_siento_feliz():
    """z = me·0.1 + siento·0.2 + feliz·0.9 with every word present: z = 1.2, a = σ(1.2)."""
    z, a = gallery.neuron(np.ones(3), np.array([0.1, 0.2, 0.9]), 0.0, "sigmoid")
    assert z == pytest.approx(1.2)
    assert a == pytest.approx(1 / (1 + np.exp(-1.2)))
