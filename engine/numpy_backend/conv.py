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
    """Every k x k window of the padded input as one row: (m·n_H_out·n_W_out, n_C·k·k)."""
    m, n_C, n_H, n_W = A.shape
    n_H_out, n_W_out = output_size(n_H, k, stride, pad), output_size(n_W, k, stride, pad)
    if pad:
        A = np.pad(A, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(A, (k, k), axis=(2, 3))[:, :, ::stride, ::stride]
    windows = windows.transpose(0, 2, 3, 1, 4, 5)  # (m, n_H_out, n_W_out, n_C, k, k)
    return windows.reshape(m * n_H_out * n_W_out, n_C * k * k)


def col2im(dcols: np.ndarray, shape: tuple[int, ...], k: int, stride: int, pad: int) -> np.ndarray:
    """The adjoint of im2col: add each window's row of gradients back onto its pixels."""
    m, n_C, n_H, n_W = shape
    n_H_out, n_W_out = output_size(n_H, k, stride, pad), output_size(n_W, k, stride, pad)
    d = dcols.reshape(m, n_H_out, n_W_out, n_C, k, k).transpose(4, 5, 0, 3, 1, 2)
    dA = np.zeros((m, n_C, n_H + 2 * pad, n_W + 2 * pad), dtype=dcols.dtype)
    h_end, w_end = stride * (n_H_out - 1) + 1, stride * (n_W_out - 1) + 1
    for u in range(k):  # one strided add per kernel position, not one per window
        for v in range(k):
            dA[:, :, u : u + h_end : stride, v : v + w_end : stride] += d[u, v]
    return dA[:, :, pad : pad + n_H, pad : pad + n_W]  # (m, n_C, n_H, n_W)


def conv_forward(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, stride: int = 1, pad: int = 0
) -> tuple[np.ndarray, tuple]:
    """A_prev (m, n_C, n_H, n_W), W (n_F, n_C, k, k), b (n_F,) -> Z (m, n_F, n_H_out, n_W_out)."""
    m, n_C, n_H, n_W = A_prev.shape
    n_F, n_C_w, k, _ = W.shape
    if n_C_w != n_C:
        raise ValueError(f"W has {n_C_w} input channels but A_prev has {n_C}")
    n_H_out, n_W_out = output_size(n_H, k, stride, pad), output_size(n_W, k, stride, pad)
    cols = im2col(A_prev, k, stride, pad)  # (m·n_H_out·n_W_out, n_C·k·k)
    Z = cols @ W.reshape(n_F, -1).T + b  # (m·n_H_out·n_W_out, n_F)
    Z = Z.reshape(m, n_H_out, n_W_out, n_F).transpose(0, 3, 1, 2)  # (m, n_F, n_H_out, n_W_out)
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
    dZ_rows = dZ.transpose(0, 2, 3, 1).reshape(-1, n_F)  # (m·n_H_out·n_W_out, n_F)
    dW = (dZ_rows.T @ cols).reshape(W.shape)  # (n_F, n_C, k, k)
    db = dZ_rows.sum(axis=0)  # (n_F,)
    if not need_dA_prev:
        return None, dW, db
    dcols = dZ_rows @ W.reshape(n_F, -1)  # (m·n_H_out·n_W_out, n_C·k·k)
    return col2im(dcols, shape, k, stride, pad), dW, db


def pool_forward(
    A: np.ndarray, size: int = 2, stride: int = 2, mode: str = "max"
) -> tuple[np.ndarray, tuple]:
    """Max or average over size x size windows: A (m, n_C, n_H, n_W) -> (m, n_C, n_H_out, n_W_out).

    A window that would hang off the edge is dropped (the size is rounded down, as in PyTorch).
    """
    if mode not in POOL_MODES:
        raise ValueError(f"pooling mode must be one of {', '.join(POOL_MODES)}; got {mode!r}")
    m, n_C, n_H, n_W = A.shape
    n_H_out = output_size(n_H, size, stride, 0, exact=False)
    n_W_out = output_size(n_W, size, stride, 0, exact=False)
    windows = sliding_window_view(A, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]
    windows = windows[:, :, :n_H_out, :n_W_out].reshape(m, n_C, n_H_out, n_W_out, size * size)
    if mode == "avg":
        return windows.mean(axis=-1), (A.shape, None, size, stride)
    arg = windows.argmax(axis=-1)  # (m, n_C, n_H_out, n_W_out) which pixel won each window
    out = np.take_along_axis(windows, arg[..., None], axis=-1)[..., 0]
    return out, (A.shape, arg, size, stride)


def pool_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """dout (m, n_C, n_H_out, n_W_out) -> dA (m, n_C, n_H, n_W).

    Max pooling routes each window's gradient to the pixel that won it; average pooling shares it
    equally among the size² pixels.
    """
    shape, arg, size, stride = cache
    n_H_out, n_W_out = dout.shape[2:]
    dA = np.zeros(shape, dtype=dout.dtype)
    h_end, w_end = stride * (n_H_out - 1) + 1, stride * (n_W_out - 1) + 1
    for u in range(size):
        for v in range(size):
            share = dout / size**2 if arg is None else dout * (arg == u * size + v)
            dA[:, :, u : u + h_end : stride, v : v + w_end : stride] += share
    return dA
