"""Draw a digit (pixel grid, canvas or uploaded picture) and see what the trained CNN does."""

import io

import numpy as np
import pandas as pd
import streamlit as st

from engine import images
from ui import common
from ui.cnn import data, figures, training
from ui.common import KEEP, user_errors

GRID = 16  # the pixel editor's side; the drawing is then resized to the network's input
PRESET_KEY = "cnn_draw_preset"
QUICK_EPOCHS = {"digits": 10, "mnist": 2}  # a few seconds of training either way


def canvas_component():
    """streamlit-drawable-canvas's st_canvas when that optional package is installed, else None."""
    try:
        from streamlit_drawable_canvas import st_canvas
    except ImportError:
        return None
    return st_canvas


def decode_upload(raw: bytes) -> np.ndarray:
    """A PNG or JPG as grey levels in [0, 1], bright ink (dark ink on paper is inverted)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(raw)) as picture:
            grey = np.asarray(picture.convert("L"), dtype=np.float64) / 255  # (h, w)
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError("unreadable") from exc
    return 1 - grey if grey.mean() > 0.5 else grey


def preset(digit: int) -> np.ndarray:
    """A test image of the given digit, shrunk to the pixel grid and thresholded to ink / no ink."""
    mnist = data.load("mnist")
    img = mnist.X_test[np.flatnonzero(mnist.y_test == digit)[0]]  # (28, 28)
    return images.resize(img.astype(np.float64), GRID, GRID) > 0.35  # (GRID, GRID) bool


def _load_preset(digit: int) -> None:
    st.session_state[PRESET_KEY] = preset(digit)
    st.session_state["cnn_draw_version"] = st.session_state.get("cnn_draw_version", 0) + 1


def _clear() -> None:
    st.session_state[PRESET_KEY] = np.zeros((GRID, GRID), dtype=bool)
    st.session_state["cnn_draw_version"] = st.session_state.get("cnn_draw_version", 0) + 1


def pixel_grid(t: dict) -> np.ndarray:
    """A GRID x GRID checkbox editor, starting from a test digit; returns ink in {0, 1}."""
    row = st.container(horizontal=True, vertical_alignment="bottom")
    digit = row.selectbox(t["preset_digit"], range(10), index=7, key="cnn_draw_digit", **KEEP)
    row.button(t["load_preset"], on_click=_load_preset, args=(digit,), key="cnn_draw_load")
    row.button(t["clear"], on_click=_clear, key="cnn_draw_clear")
    start = st.session_state.setdefault(PRESET_KEY, preset(7))
    columns = [str(j) for j in range(GRID)]
    config = {c: st.column_config.CheckboxColumn(c, width=28) for c in columns}
    edited = st.data_editor(
        pd.DataFrame(start, columns=columns),
        key=f"cnn_draw_grid_{st.session_state.get('cnn_draw_version', 0)}",
        hide_index=True,
        column_config=config,
        width="content",
        row_height=28,
        height=(GRID + 1) * 28 + 3,
    )
    return edited.to_numpy(dtype=np.float64)


def drawing(t: dict) -> np.ndarray | None:
    """The user's digit from the chosen source, or None while there is nothing yet."""
    st_canvas = canvas_component()
    sources = ("grid", "upload", *(("canvas",) if st_canvas else ()))
    source = st.radio(
        t["source"], sources, format_func=lambda s: t["sources"][s], horizontal=True,
        key="cnn_draw_source", **KEEP,
    )  # fmt: skip
    if source == "grid":
        return pixel_grid(t)
    if source == "canvas":
        result = st_canvas(
            stroke_width=18, stroke_color="#FFFFFF", background_color="#000000",
            height=280, width=280, drawing_mode="freedraw", return_image_data=True,
            key="cnn_draw_canvas",
        )  # fmt: skip
        ink = None if result.image_data is None else result.image_data[..., :3].mean(axis=2) / 255
        if ink is None or not ink.any():
            st.caption(t["canvas_hint"])
            return None
        return ink
    upload = st.file_uploader(t["upload"], type=["png", "jpg", "jpeg"], key="cnn_draw_upload")
    if upload is None:
        st.caption(t["upload_hint"])
        return None
    try:
        return decode_upload(upload.getvalue())
    except ValueError as exc:
        raise ValueError(t["unreadable"]) from exc


def _quick_train(engine: tuple[str, str]) -> None:
    """Train the network of tab ④ (its current settings) right away, for a few epochs."""
    config = training.stored_config(engine)
    run = training.current_run(config, training.stored_epochs(config["dataset"]))
    with data.one_blas_thread():
        while run.trainer.epoch < QUICK_EPOCHS[config["dataset"]] and not run.trainer.diverged:
            run.trainer.run_epoch()
            run.trainer.record()


def attempt(compute, *args):
    """compute(*args), or None when it failed (the page then shows the message, no traceback)."""
    with user_errors():
        return compute(*args)
    return None


def prepare(img: np.ndarray, n: int, t: dict) -> np.ndarray:
    """The drawing as an n x n network input, like the training images."""
    try:
        return images.prepare_drawing(img, n)
    except ValueError as exc:
        raise ValueError(t["blank"]) from exc


def draw_section(T: dict, engine: tuple[str, str]) -> None:
    t = T["draw"]
    st.markdown(t["intro"])
    run = st.session_state.get(training.RUN_KEY)
    if run is None or not run.trainer.history["epoch"]:
        st.info(t["need_model"])
        epochs = QUICK_EPOCHS[training.stored_config(engine)["dataset"]]
        st.button(
            t["quick_train"].format(epochs=epochs), on_click=_quick_train, args=(engine,),
            key="cnn_draw_train", type="primary",
        )  # fmt: skip
        return
    trainer, n = run.trainer, run.trainer.spec.in_size
    left, right = st.columns([1, 1.6], gap="large")
    with left:
        img = attempt(drawing, t)
    if img is None:
        return
    with right:
        x = attempt(prepare, img, n, t)
    if x is None:
        return
    probs = trainer.model.predict(x[None])[0]
    pred = int(probs.argmax())
    with right:
        st.markdown(t["model"].format(size=n, acc=trainer.history["test_acc"][-1]))
        a, b = st.columns([1, 2])
        a.markdown(t["input"].format(size=n))
        a.image(figures.mosaic(x[None], width=220, colorscale="Greys"))
        a.metric(t["prediction"], pred, help=t["prediction_help"])
        title = t["softmax"].format(pred=pred, p=probs[pred])
        common.chart(figures.softmax_bars(probs, title), key="cnn_draw_softmax", where=b)
    training.feature_maps(trainer.model, x, T, t["fm_header"])
