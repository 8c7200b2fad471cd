"""Convolution and pooling: the lecture's 5x5 example, output sizes, im2col vs loops, gradients."""

import numpy as np
import pytest

from engine import conv as by_hand
from engine.gradcheck import numerical_gradient, relative_error
from engine.numpy_backend import conv

IMAGE = np.array([[int(c) for c in row] for row in ["11100", "01110", "00111", "00110", "01100"]])
KERNEL = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])


def test_lecture_example_gives_the_full_output():
    trace = by_hand.conv_trace(IMAGE, KERNEL, b=0)
    assert trace.out.tolist() == [[4, 3, 4], [2, 4, 3], [2, 3, 4]]
    first = trace.steps[0]
    assert first.value == 4 and (first.row, first.col) == (0, 0)
    assert first.products.tolist() == [[1, 0, 1], [0, 1, 0], [0, 0, 1]]
    assert len(trace.steps) == 9 and (trace.steps[5].row, trace.steps[5].col) == (1, 2)


def test_stride_padding_and_bias_in_the_trace():
    trace = by_hand.conv_trace(IMAGE, KERNEL, b=1, stride=2, pad=1)
    assert trace.padded.shape == (7, 7) and trace.out.shape == (3, 3)
    assert trace.steps[0].patch.tolist() == [[0, 0, 0], [0, 1, 1], [0, 0, 1]]
    assert trace.out[0, 0] == 1 + 1 + 1  # centre 1 + corner 1 + bias 1


@pytest.mark.parametrize(
    ("n", "k", "s", "p", "expected"), [(5, 3, 1, 0, 3), (5, 3, 2, 1, 3), (28, 5, 1, 2, 28)]
)
def test_output_size_formula(n, k, s, p, expected):
    assert by_hand.output_size(n, k, s, p) == expected


@pytest.mark.parametrize(
    ("n", "k", "s", "p", "message"),
    [
        (5, 7, 1, 0, "larger than the padded image"),
        (5, 3, 0, 0, "stride s must be at least 1"),
        (5, 3, 1, -1, "padding p"),
        (5, 3, 3, 0, "not a whole number"),
    ],
)
def test_invalid_combinations_are_explained(n, k, s, p, message):
    with pytest.raises(ValueError, match=message):
        by_hand.output_size(n, k, s, p)


def test_rounding_down_when_asked():
    assert by_hand.output_size(7, 2, 2, 0, exact=False) == 3


def test_bad_grids_are_rejected():
    with pytest.raises(ValueError, match="kernel must be a square"):
        by_hand.conv_trace(IMAGE, np.ones((2, 3)))
    with pytest.raises(ValueError, match="larger than the padded image"):
        by_hand.conv_trace(IMAGE, np.ones((6, 6)))
    with pytest.raises(ValueError, match="pooling mode"):
        by_hand.pool_trace(IMAGE, mode="median")


def test_pool_trace_max_and_average():
    x = np.arange(16.0).reshape(4, 4)
    assert by_hand.pool_trace(x, 2, 2, "max").out.tolist() == [[5, 7], [13, 15]]
    assert by_hand.pool_trace(x, 2, 2, "avg").out.tolist() == [[2.5, 4.5], [10.5, 12.5]]


@pytest.mark.parametrize(("stride", "pad"), [(1, 0), (1, 1), (2, 1), (2, 0)])
def test_im2col_layer_matches_the_by_hand_loops(stride, pad):
    rng = np.random.default_rng(0)
    A = rng.standard_normal((3, 2, 7, 7))
    W = rng.standard_normal((4, 2, 3, 3))
    b = rng.standard_normal(4)
    Z, _ = conv.conv_forward(A, W, b, stride, pad)
    for e in range(3):
        for f in range(4):
            expected = b[f] + sum(
                by_hand.conv_trace(A[e, c], W[f, c], 0, stride, pad).out for c in range(2)
            )
            assert np.allclose(Z[e, f], expected)


def test_pool_layer_matches_the_by_hand_loops():
    A = np.random.default_rng(1).standard_normal((2, 3, 6, 6))
    for mode in ("max", "avg"):
        out, _ = conv.pool_forward(A, 2, 2, mode)
        for e in range(2):
            for c in range(3):
                assert np.allclose(out[e, c], by_hand.pool_trace(A[e, c], 2, 2, mode).out)


@pytest.mark.parametrize(("stride", "pad", "n"), [(1, 1, 5), (2, 0, 7), (2, 1, 7)])
def test_conv_backward_gradient_check(stride, pad, n):
    rng = np.random.default_rng(2)
    A = rng.standard_normal((2, 3, n, n))
    W = rng.standard_normal((4, 3, 3, 3))
    b = rng.standard_normal(4)
    Z, cache = conv.conv_forward(A, W, b, stride, pad)
    dZ = rng.standard_normal(Z.shape)

    def J():  # a scalar whose gradient with respect to Z is dZ
        return float((conv.conv_forward(A, W, b, stride, pad)[0] * dZ).sum())

    dA, dW, db = conv.conv_backward(dZ, cache)
    assert relative_error(dA, numerical_gradient(J, A)) < 1e-6
    assert relative_error(dW, numerical_gradient(J, W)) < 1e-6
    assert relative_error(db, numerical_gradient(J, b)) < 1e-6
    assert conv.conv_backward(dZ, cache, need_dA_prev=False)[0] is None


@pytest.mark.parametrize(
    ("mode", "size", "stride", "n"),
    [("max", 2, 2, 6), ("avg", 2, 2, 6), ("max", 3, 2, 7), ("avg", 2, 2, 7)],
)
def test_pool_backward_gradient_check(mode, size, stride, n):
    rng = np.random.default_rng(3)
    A = rng.standard_normal((2, 2, n, n))
    out, cache = conv.pool_forward(A, size, stride, mode)
    dout = rng.standard_normal(out.shape)

    def J():
        return float((conv.pool_forward(A, size, stride, mode)[0] * dout).sum())

    dA = conv.pool_backward(dout, cache)
    assert dA.shape == A.shape
    assert relative_error(dA, numerical_gradient(J, A)) < 1e-6


def test_layers_reject_mismatched_channels_and_modes():
    with pytest.raises(ValueError, match="input channels"):
        conv.conv_forward(np.zeros((1, 2, 5, 5)), np.zeros((3, 1, 3, 3)), np.zeros(3))
    with pytest.raises(ValueError, match="pooling mode"):
        conv.pool_forward(np.zeros((1, 1, 4, 4)), mode="min")
