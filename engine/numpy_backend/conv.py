"""Convolution and pooling layers with forward and backward passes (lecture: CNN).

CS231n's layer API: `*_forward(...) -> (out, cache)` and `*_backward(dout, cache) -> grads`.
Tensors are (m, n_C, n_H, n_W): m examples, n_C channels, n_H x n_W pixels (PyTorch's layout, so
weights copy between the two engines unchanged). A convolution's weights W are (n_F, n_C, k, k):
n_F filters, each k x k over every input channel.

The convolution is computed as one matrix product (im2col): every k x k x n_C window of the
padded input becomes a row of a matrix `cols`, so that

    Z[e, f, i, j] = Σ_c Σ_u Σ_v A_prev_pad[e, c, i·s + u, j·s + v] · W[f, c, u, v] + b[f]

is `cols @ W.reshape(n_F, -1).T + b`, the same sum the lecture computes one window at a time
(`engine/conv.py`). The backward pass runs the product backwards and adds every window's gradient
back onto the pixels it covered (col2im).
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from engine.conv import POOL_MODES, output_size


def im2col(A: np.ndarray, k: int, stride: int, pad: int) -> np.ndarray:
    """Every k x k window of the padded input as one column: (n_C·k·k, m·n_H_out·n_W_out).

    Column j holds window j's pixels in the order of W[f].ravel() (channel, row, column), so
    W.reshape(n_F, -1) @ cols is the lecture's sum of products for every filter and window.
    """
    m, n_C, n_H, n_W = A.shape
    n_H_out, n_W_out = output_size(n_H, k, stride, pad), output_size(n_W, k, stride, pad)
    if pad:
        A = np.pad(A, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(A, (k, k), axis=(2, 3))[:, :, ::stride, ::stride]
    windows = windows.transpose(1, 4, 5, 0, 2, 3)  # (n_C, k, k, m, n_H_out, n_W_out)
    return windows.reshape(n_C * k * k, m * n_H_out * n_W_out)


def col2im(dcols: np.ndarray, shape: tuple[int, ...], k: int, stride: int, pad: int) -> np.ndarray:
    """The adjoint of im2col: add each window's column of gradients back onto its pixels."""
    m, n_C, n_H, n_W = shape
    n_H_out, n_W_out = output_size(n_H, k, stride, pad), output_size(n_W, k, stride, pad)
    d = dcols.reshape(n_C, k, k, m, n_H_out, n_W_out)
    dA = np.zeros((n_C, m, n_H + 2 * pad, n_W + 2 * pad), dtype=dcols.dtype)
    h_end, w_end = stride * (n_H_out - 1) + 1, stride * (n_W_out - 1) + 1
    for u in range(k):  # one strided add per kernel position, not one per window
        for v in range(k):
            dA[:, :, u : u + h_end : stride, v : v + w_end : stride] += d[:, u, v]
    dA = dA.transpose(1, 0, 2, 3)  # (m, n_C, n_H + 2p, n_W + 2p), a view: no copy
    return dA[:, :, pad : pad + n_H, pad : pad + n_W]  # (m, n_C, n_H, n_W)


def conv_forward(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, stride: int = 1, pad: int = 0
) -> tuple[np.ndarray, tuple]:
    """A_prev (m, n_C, n_H, n_W), W (n_F, n_C, k, k), b (n_F,) -> Z (m, n_F, n_H_out, n_W_out).

    Z is returned as a transposed view of the (n_F, m, ...) product, which saves a copy; NumPy's
    element-wise operations and the next layer's im2col read it in memory order either way.
    """
    m, n_C, n_H, n_W = A_prev.shape
    n_F, n_C_w, k, _ = W.shape
    if n_C_w != n_C:
        raise ValueError(f"W has {n_C_w} input channels but A_prev has {n_C}")
    n_H_out, n_W_out = output_size(n_H, k, stride, pad), output_size(n_W, k, stride, pad)
    cols = im2col(A_prev, k, stride, pad)  # (n_C·k·k, m·n_H_out·n_W_out)
    Z = W.reshape(n_F, -1) @ cols + b[:, None]  # (n_F, m·n_H_out·n_W_out)
    Z = Z.reshape(n_F, m, n_H_out, n_W_out).transpose(1, 0, 2, 3)  # (m, n_F, n_H_out, n_W_out)
    return Z, (A_prev.shape, cols, W, stride, pad)


def conv_backward(
    dZ: np.ndarray, cache: tuple, need_dA_prev: bool = True
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """dZ (m, n_F, n_H_out, n_W_out) -> (dA_prev, dW, db) with the shapes of A_prev, W, b.

    The first layer's input is the image itself, which needs no gradient: need_dA_prev=False
    skips that product (dA_prev is then None).
    """
    shape, cols, W, stride, pad = cache
    n_F, _, k, _ = W.shape
    dZ_mat = dZ.transpose(1, 0, 2, 3).reshape(n_F, -1)  # (n_F, m·n_H_out·n_W_out)
    dW = (dZ_mat @ cols.T).reshape(W.shape)  # (n_F, n_C, k, k)
    db = dZ_mat.sum(axis=1)  # (n_F,)
    if not need_dA_prev:
        return None, dW, db
    dcols = W.reshape(n_F, -1).T @ dZ_mat  # (n_C·k·k, m·n_H_out·n_W_out)
    return col2im(dcols, shape, k, stride, pad), dW, db


def pool_forward(
    A: np.ndarray, size: int = 2, stride: int = 2, mode: str = "max"
) -> tuple[np.ndarray, tuple]:
    """Max or average over size x size windows: A (m, n_C, n_H, n_W) -> (m, n_C, n_H_out, n_W_out).

    A window that would hang off the edge is dropped (the size is rounded down, as in PyTorch).
    The loop visits the size² positions (u, v) inside a window; each visit covers every window.
    """
    if mode not in POOL_MODES:
        raise ValueError(f"pooling mode must be one of {', '.join(POOL_MODES)}; got {mode!r}")
    n_H_out = output_size(A.shape[2], size, stride, 0, exact=False)
    n_W_out = output_size(A.shape[3], size, stride, 0, exact=False)
    out = None
    for A_uv in _window_positions(A, size, stride, n_H_out, n_W_out):
        if out is None:
            out = A_uv.copy()  # (m, n_C, n_H_out, n_W_out)
        elif mode == "max":
            np.maximum(out, A_uv, out=out)
        else:
            out += A_uv
    if mode == "avg":
        out /= size * size
    return out, (A, out, size, stride, mode)


def pool_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """dout (m, n_C, n_H_out, n_W_out) -> dA (m, n_C, n_H, n_W).

    Max pooling routes each window's gradient to the pixel that won it (the first one, on a tie);
    average pooling shares it equally among the size² pixels.
    """
    A, out, size, stride, mode = cache
    n_H_out, n_W_out = out.shape[2:]
    dA = np.zeros_like(A, dtype=dout.dtype)  # same memory layout as A: faster strided adds
    dA_views = _window_positions(dA, size, stride, n_H_out, n_W_out)
    A_views = _window_positions(A, size, stride, n_H_out, n_W_out)
    unclaimed = np.ones(out.shape, dtype=bool)  # windows whose max has not been found yet
    for dA_uv, A_uv in zip(dA_views, A_views, strict=True):
        if mode == "avg":
            dA_uv += dout / (size * size)
            continue
        won = A_uv == out  # (m, n_C, n_H_out, n_W_out) this position holds the window's max
        won &= unclaimed
        unclaimed ^= won
        dA_uv += dout * won
    return dA


def _window_positions(A: np.ndarray, size: int, stride: int, n_H_out: int, n_W_out: int):
    """For each position (u, v) inside a window, the view of A at that position in every window."""
    h_end, w_end = stride * (n_H_out - 1) + 1, stride * (n_W_out - 1) + 1
    for u in range(size):
        for v in range(size):
            yield A[:, :, u : u + h_end : stride, v : v + w_end : stride]
