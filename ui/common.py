"""Page scaffolding shared by every lab: header, language, formulas, engine picker, code viewer,
charts, errors."""

import inspect
import logging
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from ui import formulas, links, numbers, presenter, text

log = logging.getLogger("neurona")
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
    "pages/6_GAN.py": "gan",
    "pages/7_Workshops.py": "workshops",
    "pages/8_Problems.py": "problems",
}
_LOCK_MAKER = threading.Lock()
# Give every keyed widget **KEEP: Streamlit deletes the state of a widget that a run did not draw
# (after a visit to another page), and "session" keeps it for the whole session instead.
KEEP = links.KEEP
CHART_FONT_PX = 15  # at least 14 px on a 1280x720 projector, for the back row
# (backend, device) of each engine, by the name the URL and the widgets use.
ENGINES = {
    "numpy": ("numpy", "cpu"),
    "torch-cpu": ("torch", "cpu"),
    "torch-cuda": ("torch", "cuda"),
}


def words() -> dict:
    """The words every page shares (assets/text/<lang>/common.toml), in the session's language."""
    return text.load("common")


def setup_page(T: dict) -> None:
    """Wide layout, the page title, its 2-3 sentence intro, the formulas it animates and the
    lecture's presets."""
    st.set_page_config(page_title=f"Neurona · {T['title']}", page_icon=T["icon"], layout="wide")
    one_blas_thread()
    links.remember_page_query()
    language_switch()
    page_links()
    presenter.controls()
    formulas.fit_to_column()
    presenting = presenter.is_presenting()
    # On a projector the title and the presets share a row, and the teacher says the intro: the
    # lab's live view gets the screen.
    heading, menu = st.columns([3, 1], vertical_alignment="bottom") if presenting else (st, st)
    heading.title(f"{T['icon']} {T['title']}")
    if not presenting:
        st.markdown(T["intro"])
        show_formulas(T["formulas"])
    if T.get("presets"):
        with menu if presenting else st.container():
            links.presets_menu(T["presets"])


def language_switch() -> None:
    """Español / English at the top of the sidebar, kept in the session and in the URL.

    A `lang=` in the URL wins (a shared link carries it); once the reader has a language, every
    page writes it back to the URL, so a copied link and a reload keep it."""
    text.choose_lang_from_url()
    lang = text.current_lang()
    st.session_state[LANG_WIDGET] = lang
    st.sidebar.segmented_control(
        words()["language"],
        text.LANGS,
        key=LANG_WIDGET,
        **KEEP,
        format_func=LANG_NAMES.__getitem__,
        on_change=pick_lang,
    )
    if text.LANG_KEY in st.session_state and st.query_params.get(text.LANG_KEY_URL) != lang:
        st.query_params[text.LANG_KEY_URL] = lang


LANG_WIDGET = "neurona_lang_pick"
LANG_NAMES = {"es": "Español", "en": "English"}


def pick_lang() -> None:
    lang = st.session_state.get(LANG_WIDGET)
    if lang in text.LANGS:  # a click on the chosen option clears the selection: keep the language
        st.session_state[text.LANG_KEY] = lang
        st.query_params[text.LANG_KEY_URL] = lang


def page_links() -> None:
    """Every page, at the top of the sidebar, by its own name. Only when the app runs from app.py:
    a test that runs one page file alone (AppTest.from_file) has no other page to link to."""
    queries = st.session_state.setdefault(links.PAGE_QUERIES, {})
    if not links.in_app():
        return
    with st.sidebar.container(key="neurona_pages"):
        for path, key in PAGES.items():
            page = text.load(key)
            query = {**links.shared_query(), **queries.get(path, {})}
            st.page_link(path, label=page["nav"], icon=page["icon"], query_params=query)
    st.sidebar.divider()


def show_formulas(formulas: list[str], expanded: bool = False) -> None:
    """The page's equations, in the lecture's notation."""
    with st.expander(words()["formulas_label"], expanded=expanded):
        for formula in formulas:
            st.latex(formula)


def show_code(*objects: object) -> None:
    """An expander with the source of the engine functions and classes a page runs."""
    with st.expander(words()["code_label"]):
        st.caption(words()["code_caption"])
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


def available_engines() -> list[str]:
    """The engines this server can run, by name: NumPy always, torch on the CPU and the GPU when
    they are there."""
    names = ["numpy"]
    if torch_available():
        names.append("torch-cpu")
    if cuda_available():
        names.append("torch-cuda")
    return names


def engine_label(name: str) -> str:
    return words()["engines"][name]


def engine_picker(key: str) -> tuple[str, str]:
    """A sidebar radio for the engine; returns (backend, device)."""
    name = st.sidebar.radio(
        words()["engine_label"],
        available_engines(),
        key=key,
        format_func=engine_label,
        help=words()["engine_help"],
        **KEEP,
    )
    backend, device = ENGINES[name]
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
        st.error(words()["unexpected_error"])


def chart(fig, key: str, where=st, **kwargs) -> None:
    """st.plotly_chart (or a column's, `where`) at the column's width, with numbers in the reader's
    locale (decimal comma in Spanish) and text large enough for the back row of a classroom."""
    font = fig.layout.font
    fig.update_layout(
        separators=numbers.plotly_separators(),
        font_size=max(font.size or 0, CHART_FONT_PX),
    )
    legible_text(fig)
    where.plotly_chart(fig, key=key, **{"width": "stretch", **kwargs})


def vega(spec: dict, where=st, **kwargs) -> object:
    """st.vega_lite_chart (or a column's, `where`) at the column's width unless told otherwise,
    with numbers in the reader's locale (decimal comma in Spanish)."""
    config = {**spec.get("config", {}), "locale": {"number": numbers.d3_locale()}}
    return where.vega_lite_chart({**spec, "config": config}, **{"width": "stretch", **kwargs})


def side_by_side(*widths: int | str) -> list:
    """Containers in a row that wraps when the column is too narrow: a map keeps its pixel width
    (square on a 1920x1080 screen too) while what stands beside it takes the rest ("stretch")."""
    row = st.container(horizontal=True, wrap=True, gap="medium")
    return [row.container(width=width) for width in widths]


def legible_text(fig) -> None:
    """Ticks, legends, colour bars and annotations at CHART_FONT_PX or more: Streamlit's theme
    draws ticks at 85 % of the layout's font. A log axis writes its exponents at 75 % of its
    ticks, so its ticks are larger still."""

    def at_least(current, px: float) -> float:
        return max(current or 0, px)

    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        # a log axis writes its exponents, and the digits between its decades, at 75 %
        px = math.ceil(CHART_FONT_PX / 0.75) if axis.type == "log" else CHART_FONT_PX
        axis.tickfont.size = at_least(axis.tickfont.size, px)
    for name in fig.layout:
        if name.startswith("coloraxis"):
            bar = fig.layout[name].colorbar
            bar.tickfont.size = at_least(bar.tickfont.size, CHART_FONT_PX)
    fig.layout.legend.font.size = at_least(fig.layout.legend.font.size, CHART_FONT_PX)
    for note in fig.layout.annotations:
        note.font.size = at_least(note.font.size, CHART_FONT_PX)
    for trace in fig.data:
        if "colorbar" in trace:
            trace.colorbar.tickfont.size = at_least(trace.colorbar.tickfont.size, CHART_FONT_PX)
        # Plotly shrinks a heatmap's numbers to fit small cells unless given a size.
        numbered_cells = trace.type == "heatmap" and trace.texttemplate
        if "textfont" in trace and (trace.textfont.size is not None or numbered_cells):
            trace.textfont.size = at_least(trace.textfont.size, CHART_FONT_PX)
