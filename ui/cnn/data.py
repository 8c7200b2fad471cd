"""The lab's image data, loaded once per server process (st.cache_data: read-only, shared)."""

import streamlit as st

from engine import images

DATASETS = ("digits", "mnist")
IMAGE_SIZE = {"digits": 8, "mnist": 28}


@st.cache_data(show_spinner=False)
def load(name: str) -> images.ImageSplit:
    """The 8x8 digits or the 28x28 MNIST subset, float32, seeded split (seed 0)."""
    if name not in DATASETS:
        raise ValueError(f"data set must be one of {', '.join(DATASETS)}; got {name!r}")
    loader = images.load_digits if name == "digits" else images.load_mnist
    return loader(dtype="float32")
