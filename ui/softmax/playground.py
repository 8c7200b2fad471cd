"""Softmax playground: editable logits, temperature, the lecture tables, stability, σ = softmax."""

import numpy as np
import streamlit as st

from engine import softmax as sm
from engine.numpy_backend.activations import softmax
from ui import numbers, palette
from ui.common import show_code, user_errors, vega
from ui.links import bound, choice, number, words
from ui.softmax import charts

KEY = "softmax_pg"
STABILITY_EXAMPLE = (1000.0, 0.0, -1000.0)
DEFAULT_LOGITS = (3.0, 1.0, 0.2)  # the lecture's first example
PRESETS = (*(z for z, _ in sm.LECTURE_SERIES), sm.LECTURE_EXAMPLE[0], STABILITY_EXAMPLE)
SWEEP = np.logspace(-1.3, 1.3, 80)  # temperatures from 0.05 to 20
IDENTITY_Z = np.linspace(-8, 8, 81)


def as_text(z) -> str:
    """The scores as the reader writes them: 3.0, 1.0, 0.2 in English, 3,0; 1,0; 0,2 in Spanish."""
    return numbers.list_separator().join(numbers.written(v) for v in z)


def read_logits(typed: str, L: dict) -> np.ndarray:
    """The typed scores in the reader's locale (brackets allowed, as the lecture writes them)."""
    z = np.array(numbers.parse_list(typed.strip().strip("[]()")))
    if len(z) < 2:
        raise ValueError(L["too_few"])
    return z


def load_preset(z) -> None:
    st.session_state[f"{KEY}_logits"] = as_text(z)


def section(T: dict, engine: tuple[str, str]) -> None:
    L = T["playground"]
    st.markdown(L["about"])
    st.caption(L["presets"])
    with st.container(horizontal=True, gap="small"):
        for i, z in enumerate(PRESETS):
            st.button(f"[{as_text(z)}]", key=f"{KEY}_preset_{i}", on_click=load_preset, args=(z,))
    inputs, chart = st.columns([1, 2])
    with inputs:
        text = bound(
            st.text_input,
            L["logits"],
            as_text(DEFAULT_LOGITS),
            max_chars=300,
            key=f"{KEY}_logits",
            read=words(300),
            help=L["logits_help"],
        )
        T_value = bound(
            st.number_input,
            L["temperature"],
            0.0,
            100.0,
            1.0,
            0.1,
            key=f"{KEY}_T",
            read=number(0.0, 100.0),
            help=L["temperature_help"],
        )
    with user_errors():
        z = read_logits(text, L)
        if len(z) > len(palette.CLASS_COLORS):
            raise ValueError(L["too_many"].format(n=len(z), max=len(palette.CLASS_COLORS)))
        P = sm.tempered_softmax(z, T_value)
        with inputs:
            y = bound(
                st.selectbox,
                L["true_class"],
                range(len(z)),
                key=f"{KEY}_y",
                read=choice(range(len(z))),
                format_func=lambda k: T["fig"]["class_short"].format(k=k),
            )
            loss, grad = sm.cross_entropy(z / T_value, y)
            with np.errstate(over="ignore"):  # e^1000 is inf: shown as such, the lesson below
                total = np.exp(z / T_value).sum()
            st.markdown(L["reading"].format(total=total, y=y, loss=loss))
        with chart:
            bars = charts.score_bars(z, P, T["fig"], grad=grad, true_class=y, width=120)
            vega(bars, width="content")
        steps, sweep = st.columns(2)
        with steps:
            step_table(z, T_value, L)
        with sweep:
            curves = sm.temperature_sweep(z, SWEEP)
            vega(charts.temperature_curves(SWEEP, curves, T_value, T["fig"]))
            st.caption(L["temperature_caption"])
    series, identity = st.columns(2)
    with series:
        series_table(L)
    with identity:
        identity_panel(T)
    show_code(
        sm.tempered_softmax, softmax, sm.naive_softmax, sm.sigmoid_as_softmax, sm.cross_entropy
    )


def step_table(z: np.ndarray, T_value: float, L: dict) -> None:
    """The computation column by column, the naive one beside it; and why the max is subtracted."""
    scaled = z / T_value
    shifted = scaled - scaled.max()
    naive = sm.naive_softmax(scaled)
    st.markdown(L["steps_heading"])
    columns = L["step_columns"]
    values = (z, shifted, np.exp(shifted), sm.tempered_softmax(z, T_value), naive)
    st.dataframe(
        {name: col for name, col in zip(columns, values, strict=True)},
        column_config={name: st.column_config.NumberColumn(format="%.6g") for name in columns},
    )
    if np.all(np.isfinite(naive)):
        st.caption(L["stable_same"])
    else:
        st.warning(L["stable_broken"])
    st.markdown(L["stability"])


def series_table(L: dict) -> None:
    """The lecture's table: as the small scores shrink, the big one takes almost everything."""
    st.markdown(L["series_heading"])
    inputs = [f"[{as_text(z)}]" for z, _ in sm.LECTURE_SERIES]
    computed = [np.array2string(sm.tempered_softmax(z), precision=4) for z, _ in sm.LECTURE_SERIES]
    lecture = [np.array2string(np.array(p), precision=4) for _, p in sm.LECTURE_SERIES]
    name_z, name_ours, name_lecture = L["series_columns"]
    st.dataframe({name_z: inputs, name_ours: computed, name_lecture: lecture}, hide_index=True)
    st.caption(L["series_caption"])


def identity_panel(T: dict) -> None:
    """σ(z) = softmax([z, 0])_0, as numbers and as two curves that lie on each other."""
    L = T["playground"]
    st.markdown(L["identity_heading"])
    z = bound(
        st.number_input,
        L["identity_z"],
        -1000.0,
        1000.0,
        1.0,
        0.5,
        key=f"{KEY}_z",
        read=number(-1000.0, 1000.0),
    )
    s, p = sm.sigmoid_as_softmax([z])
    st.latex(L["identity_numbers"].format(z=z, s=s[0], p=p[0]))
    st.caption(L["identity_difference"].format(diff=abs(s[0] - p[0])))
    s_curve, p_curve = sm.sigmoid_as_softmax(IDENTITY_Z)
    vega(charts.sigmoid_identity(IDENTITY_Z, s_curve, p_curve, T["fig"]))
