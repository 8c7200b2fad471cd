"""Page scaffolding shared by every lab: header, formulas, engine picker, code viewer, errors."""

import inspect
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import text

log = logging.getLogger("neurona")
COMMON = text.load("common")
TRAINING_LOCK = "_neurona_training_lock"
# The sidebar's list of pages, each with the text file that names it. Streamlit's own list (off in
# .streamlit/config.toml) would call the home page after its file: "app".
PAGES = {
    "app.py": "playground",
    "pages/1_Neuron_and_backprop.py": "backprop",
    "pages/2_Loss_surface.py": "loss_surface",
    "pages/3_Softmax.py": "softmax",
    "pages/4_CNN.py": "cnn",
    "pages/5_Sequences.py": "sequences",
}
_LOCK_MAKER = threading.Lock()


def setup_page(T: dict) -> None:
    """Wide layout, the page title, its 2-3 sentence intro and the formulas it animates."""
    st.set_page_config(page_title=f"Neurona · {T['title']}", page_icon=T["icon"], layout="wide")
    one_blas_thread()
    page_links()
    st.title(f"{T['icon']} {T['title']}")
    st.markdown(T["intro"])
    show_formulas(T["formulas"])


def page_links() -> None:
    """Every page, at the top of the sidebar, by its own name. Only when the app runs from app.py:
    a test that runs one page file alone (AppTest.from_file) has no other page to link to."""
    ctx = get_script_run_ctx()
    if ctx is None or Path(ctx.main_script_path).name != "app.py":
        return
    with st.sidebar.container(key="neurona_pages"):
        for path, key in PAGES.items():
            page = text.load(key)
            st.page_link(path, label=page["nav"], icon=page["icon"])
    st.sidebar.divider()


def show_formulas(formulas: list[str], expanded: bool = False) -> None:
    """The page's equations, in the lecture's notation."""
    with st.expander(COMMON["formulas_label"], expanded=expanded):
        for formula in formulas:
            st.latex(formula)


def show_code(*objects: object) -> None:
    """An expander with the source of the engine functions and classes a page runs."""
    with st.expander(COMMON["code_label"]):
        st.caption(COMMON["code_caption"])
        for obj in objects:
            st.code(inspect.getsource(obj), language="python")


def torch_available() -> bool:
    """True when torch imports (it is an optional extra)."""
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def cuda_available() -> bool:
    """True when torch imports and sees a CUDA GPU."""
    if not torch_available():
        return False
    import torch

    return torch.cuda.is_available()


def engine_options() -> dict[str, tuple[str, str]]:
    """The engines this server can run, label -> (backend, device)."""
    options = {COMMON["engine_numpy"]: ("numpy", "cpu")}
    if torch_available():
        options[COMMON["engine_torch_cpu"]] = ("torch", "cpu")
    if cuda_available():
        options[COMMON["engine_torch_cuda"]] = ("torch", "cuda")
    return options


def engine_picker(key: str) -> tuple[str, str]:
    """A sidebar radio for the engine; returns (backend, device)."""
    options = engine_options()
    label = st.sidebar.radio(
        COMMON["engine_label"], list(options), key=key, help=COMMON["engine_help"]
    )
    backend, device = options[label]
    if backend == "torch":
        one_torch_thread()
    return backend, device


def one_blas_thread() -> None:
    """One BLAS thread per server process: on a 2-core server, two BLAS threads per session made
    training ticks 5-7 times slower once several sessions trained at once."""
    from threadpoolctl import threadpool_info, threadpool_limits

    if any(pool["num_threads"] != 1 for pool in threadpool_info()):
        threadpool_limits(limits=1)


def one_torch_thread() -> None:
    """One intra-op thread per server process, so one session's training cannot starve the others
    (DESIGN.md: a busy session slowed other sessions' reruns from 5 to 76 ms)."""
    import torch

    if torch.get_num_threads() != 1:
        torch.set_num_threads(1)


@contextmanager
def one_run_at_a_time() -> Iterator[None]:
    """Hold this session's training lock while training or drawing a run.

    A click (Pause, Step, a timeline) starts a new script run at once, while the fragment tick
    before it may still be training in its own thread: Streamlit stops a run only at its next st
    call. Without the lock the paused page drew the run as it was mid-tick, the tick then went on
    training, and a timeline built for step 30 was gone when the user moved it at step 40."""
    with _LOCK_MAKER:
        lock = st.session_state.get(TRAINING_LOCK)
        if lock is None:
            lock = st.session_state[TRAINING_LOCK] = threading.RLock()
    with lock:
        yield


@contextmanager
def user_errors() -> Iterator[None]:
    """Bad input as a clear message, anything unexpected as a calm one; never a traceback."""
    try:
        yield
    except ValueError as exc:
        st.error(str(exc))
    except Exception:
        log.exception("unexpected error in a page")
        st.error(COMMON["unexpected_error"])
