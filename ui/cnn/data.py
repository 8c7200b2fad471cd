"""The lab's image data, loaded once per server process (st.cache_data: read-only, shared)."""

from functools import partial

import streamlit as st
from threadpoolctl import threadpool_limits

from engine import images

# Training in a tick runs NumPy's BLAS on one thread: on a shared server, several BLAS threads per
# session fight over the cores (measured on 2 busy cores: a tick was 5-7 times slower with 2).
one_blas_thread = partial(threadpool_limits, limits=1, user_api="blas")


def train_slice(trainer, slices_per_epoch: int) -> None:
    """One tick of a live panel: a slice of an epoch on one BLAS thread, then a record."""
    with one_blas_thread():
        trainer.train_slice(slices_per_epoch)
        trainer.record()


DATASETS = ("digits", "mnist")
IMAGE_SIZE = {"digits": 8, "mnist": 28}


@st.cache_data(show_spinner=False)
def load(name: str) -> images.ImageSplit:
    """The 8x8 digits or the 28x28 MNIST subset, float32, seeded split (seed 0)."""
    if name not in DATASETS:
        raise ValueError(f"data set must be one of {', '.join(DATASETS)}; got {name!r}")
    loader = images.load_digits if name == "digits" else images.load_mnist
    return loader(dtype="float32")
