"""Classic kernels (edges, blur, sharpen) applied to a handwritten digit by the same convolution."""

import numpy as np
import streamlit as st

from engine.conv import CLASSIC_KERNELS
from engine.numpy_backend.conv import conv_forward
from ui import common
from ui.cnn import data, figures
from ui.common import KEEP

CARD_PX = 180  # one filter's column: four to a row at 1280x720, seven at 1920x1080


def filtered(img: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """One image through one 3x3 filter with 'same' padding (the CNN's own conv_forward)."""
    Z, _ = conv_forward(img[None, None], kernel[None, None].astype(img.dtype), np.zeros(1), 1, 1)
    return Z[0, 0]  # (n, n)


def kernels_section(T: dict) -> None:
    t = T["kernels"]
    st.markdown(t["intro"])
    mnist = data.load("mnist")
    labels = mnist.y_test
    pick = st.columns([1, 1, 3])
    digit = pick[0].selectbox(t["digit"], range(10), index=3, key="cnn_kernels_digit", **KEEP)
    which = pick[1].number_input(
        t["which"],
        1,
        100,
        1,
        key="cnn_kernels_which",
        **KEEP,
        help=t["which_help"],
    )
    img = mnist.X_test[np.flatnonzero(labels == digit)[which - 1]].astype(np.float64)  # (28, 28)
    with st.container(horizontal=True, wrap=True, gap="small"):  # as many to a row as fit
        with st.container(width=CARD_PX):
            common.chart(figures.image(img, t["original"], height=230), key="cnn_kernels_original")
        for name, kernel in CLASSIC_KERNELS.items():
            with st.container(width=CARD_PX):
                out = filtered(img, kernel)
                common.chart(
                    figures.signed_image(out, t["names"][name], height=230),
                    key=f"cnn_kernels_out_{name}",
                )
                common.chart(
                    figures.grid(kernel, "", signed=True, height=170), key=f"cnn_kernels_k_{name}"
                )
                st.caption(t["captions"][name])
