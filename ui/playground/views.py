"""What the live view draws, as compact arrays (8-bit heatmaps, base64 in JSON).

A frame is a scene (the data points, the loss curves, which neuron the big view shows) and one or
more pictures of the network: the big heatmap (its output over the plane, or one neuron's), every
neuron's thumbnail, the weights and biases of the diagram. While training, one animation tick
sends a few pictures some epochs apart and the browser shows them one after the other.
Heatmaps travel as 8-bit values (0 is the low end of the value range, 255 the high end) that the
browser colours, so a picture stays far below float64 JSON (DESIGN.md, Live animation); they are
images: row 0 is the top of the plane (x2 = +6).
"""

import base64
from contextlib import contextmanager

import numpy as np

from ui.playground.run import BIG_RES, EXTENT, Run

# Colour-blind-safe (Okabe-Ito): blue is positive / class 1, vermillion negative / class 0.
COLORS = {
    "diverging": ["#D55E00", "#EAAE80", "#F7F7F7", "#80B8D8", "#0072B2"],
    "positive": "#0072B2",
    "negative": "#D55E00",
    "classes": ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"],
    "train": "#0072B2",
    "test": "#E69F00",
    "mark": "#009E73",
}
VALUE_RANGE = {"sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0)}  # every other activation: (−1, 1)
MAX_CURVE_POINTS = 200
INT16_MAX = 32767


def b64(array: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")


def value_range(activation: str) -> tuple[float, float]:
    return VALUE_RANGE.get(activation, (-1.0, 1.0))


def quantize(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """Values in [low, high] (clipped) as 0..255."""
    scaled = (np.clip(values, low, high) - low) * (255 / (high - low))
    return np.round(scaled).astype(np.uint8)


def image_rows(values: np.ndarray, res: int) -> np.ndarray:
    """Grid values (x1 fastest, x2 from −6 up) as image rows from the top: (res², ...) flipped."""
    return values.reshape(res, res, *values.shape[1:])[::-1].reshape(values.shape)


def frame(run: Run, epoch: int | None = None, focus: tuple[int, int] | None = None) -> dict:
    """A frame with one picture: the live network (epoch None) or its snapshot at `epoch`.

    focus (layer, neuron) puts that neuron's output in the big view; layer 0 is the inputs.
    """
    with parameters_at(run, epoch) as shown:
        pic = picture(run, shown, focus)
    mark = shown if shown < run.trainer.epoch else None
    return {**scene(run, focus, mark), "pictures": [pic]}


def scene(run: Run, focus: tuple[int, int] | None, mark: int | None = None) -> dict:
    """What every picture of a frame shares: the points, the loss curves so far, the focus."""
    data, show_test = run.data, run.config.show_test
    return {
        "task": run.config.task,
        "points": {
            "train": points(run, data.X_train, data.y_train),
            "test": points(run, data.X_test, data.y_test) if show_test else None,
        },
        "focus": list(focus) if focus else None,
        "curves": curves(run, mark),
    }


def picture(run: Run, epoch: int, focus: tuple[int, int] | None) -> dict:
    """The network as its parameters are now, drawn as the picture of `epoch`."""
    big = focus_heatmap(run, *focus) if focus else output_heatmap(run)
    best = run.trainer.best_epoch(until=epoch)
    return {"epoch": epoch, "big": big, "net": network(run), "best": best}


@contextmanager
def parameters_at(run: Run, epoch: int | None):
    """Temporarily load the snapshot at or before `epoch` into the model; yield its epoch."""
    trainer, model = run.trainer, run.model
    if epoch is None or epoch >= trainer.epoch:
        yield trainer.epoch
        return
    shown = max(e for e, _ in trainer.snapshots if e <= epoch)
    saved = model.get_theta()
    model.set_params(trainer.params_at(shown))
    try:
        yield shown
    finally:
        model.set_theta(saved)


def output_heatmap(run: Run) -> dict:
    """The network's output over the plane: one value (binary, regression) or a class per pixel."""
    config, spec = run.config, run.model.spec
    Y_hat = image_rows(run.model.predict(run.big_grid), BIG_RES)  # (res², n_out)
    if spec.output == "softmax":
        K = Y_hat.shape[1]
        confidence = (Y_hat.max(axis=1) - 1 / K) / (1 - 1 / K)  # 0: a tie, 1: certain
        if config.discretize:
            confidence = np.ones_like(confidence)
        classes = Y_hat.argmax(axis=1).astype(np.uint8)
        return {"mode": "class", "z": b64(quantize(confidence, 0, 1)), "cls": b64(classes)}
    low, high = value_range(spec.output)
    values = Y_hat[:, 0]
    if config.discretize and config.task == "binary":
        values = np.where(values > (low + high) / 2, high, low)
    return {"mode": "div", "z": b64(quantize(values, low, high)), "low": low, "high": high}


def focus_heatmap(run: Run, layer: int, neuron: int) -> dict:
    """One neuron's output over the plane (layer 0: an input feature)."""
    A = layer_values(run, run.big_grid)[layer][:, neuron : neuron + 1]  # (res², 1)
    low, high = layer_range(run, layer, A)
    z = image_rows(quantize(A, low, high)[:, 0], BIG_RES)
    return {"mode": "div", "z": b64(z), "low": float(low[0]), "high": float(high[0])}


def layer_values(run: Run, X: np.ndarray) -> list[np.ndarray]:
    """[A0 (the input features), A1, ..., AL] at the points X, (m, n_l) each."""
    return [X, *run.model.layer_outputs(X)]


def layer_range(run: Run, layer: int, A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Colour range of each neuron (column of A): its activation's, or ± the largest |feature|
    for the inputs. Arrays of shape (n_l,)."""
    spec, n = run.model.spec, A.shape[1]
    if layer == 0:
        top = np.abs(A).max(axis=0)  # (n_0,)
        top[top == 0] = 1.0
        return -top, top
    low, high = value_range(spec.output if layer == spec.n_layers else spec.activation)
    return np.full(n, low), np.full(n, high)


def network(run: Run) -> dict:
    """Layer sizes, every neuron's thumbnail, and the weights (int16 of max|W|) and biases."""
    spec, res = run.model.spec, run.tile_res
    tiles = []
    for layer, A in enumerate(layer_values(run, run.tile_grid)):  # (res², n_l)
        Q = image_rows(quantize(A, *layer_range(run, layer, A)), res)  # (res², n_l)
        tiles.append(Q.T.ravel())  # neuron by neuron
    params = run.model.get_params()
    W = np.concatenate([params[f"W{l}"].ravel() for l in range(1, spec.n_layers + 1)])
    b = np.concatenate([params[f"b{l}"] for l in range(1, spec.n_layers + 1)])
    w_max = float(np.abs(W).max()) or 1.0
    return {
        "sizes": list(spec.sizes),
        "res": res,
        "tiles": b64(np.concatenate(tiles)),
        "classes_out": spec.output == "softmax",
        "W": b64(np.round(W / w_max * INT16_MAX).astype(np.int16)),
        "w_max": w_max,
        "b": b64(b.astype(np.float32)),
    }


def points(run: Run, X: np.ndarray, y: np.ndarray) -> dict:
    """Positions as 16-bit fractions of the plane; labels as classes or 8-bit target values."""
    xy = np.round((np.clip(X, -EXTENT, EXTENT) + EXTENT) / (2 * EXTENT) * 65535)
    label = quantize(y, -1, 1) if run.config.task == "regression" else y.astype(np.uint8)
    return {"xy": b64(xy.astype(np.uint16)), "label": b64(label)}


def curves(run: Run, mark: int | None) -> dict:
    """At most MAX_CURVE_POINTS epochs of the train and test loss, always keeping the best one.
    mark: the epoch being replayed, if any."""
    h, best = run.trainer.history, run.trainer.best_epoch()
    n = len(h.epoch)
    keep = np.linspace(0, n - 1, min(n, MAX_CURVE_POINTS)).round().astype(int).tolist()
    if best is not None:
        keep = sorted({*keep, h.epoch.index(best)})
    return {
        "epoch": b64(np.array([h.epoch[i] for i in keep], dtype=np.int32)),
        "train": b64(np.array([h.train_loss[i] for i in keep], dtype=np.float32)),
        "test": b64(np.array([h.test_loss[i] for i in keep], dtype=np.float32)),
        "mark": mark,
    }
