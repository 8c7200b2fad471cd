"""Tabs "Why non-linearity" and "Initialization and depth": cached training runs, then figures."""

import numpy as np
import streamlit as st

from engine import depth
from engine.backends import make_mlp
from engine.backprop_steps import bmatrix
from engine.datasets import DataSpec, grid, make_dataset
from engine.spec import MLPSpec
from ui import common
from ui.backprop import figures
from ui.common import KEEP
from ui.links import bound, choice, number

GRID_RESOLUTION = 60
NONLINEAR_DATASETS = ("xor", "circle", "moons", "spiral")
DEEP_LAYERS, DEEP_WIDTH = 6, 16
LR_OPTIONS = (0.01, 0.03, 0.1, 0.3)
CASES = ("sigmoid/xavier", "tanh/xavier", "relu/he", "sigmoid/large", "tanh/large", "relu/large")
DEFAULT_CASES = ["sigmoid/xavier", "relu/he", "tanh/large", "relu/large"]
N_UNIT_POINTS = 40


def data(name: str):
    return make_dataset(DataSpec(name=name, n_points=300, seed=0))


@st.cache_data(max_entries=32, show_spinner=False)
def lecture_collapse(seed: int) -> dict:
    """The lecture's 8x9 · 9x4 linear net, its W*, and the gap between the two on random inputs."""
    spec = depth.LECTURE_COLLAPSE_SPEC
    model = make_mlp(spec, seed=seed)
    params = model.get_params()
    W_star, b_star = depth.collapse(params, spec.n_layers)
    X = np.random.default_rng(seed).normal(size=(5, spec.n_in))
    gap = float(np.abs(model.predict(X) - (X @ W_star + b_star)).max())
    return {"W1": params["W1"], "W2": params["W2"], "W_star": W_star, "gap": gap}


@st.cache_data(max_entries=32, show_spinner=False)
def trained_run(dataset: str, activation: str, init: str, hidden: tuple, epochs: int, lr: float):
    """Train one network; return what the figures need (losses, boundary, outputs), no model."""
    ds = data(dataset)
    spec = MLPSpec(n_in=2, hidden=hidden, n_out=1, activation=activation, init=init)
    trainer = depth.train(spec, ds, epochs, lr)
    axis, points = grid(GRID_RESOLUTION)
    model, params = trainer.model, trainer.model.get_params()
    P = model.predict(points)[:, 0].reshape(GRID_RESOLUTION, GRID_RESOLUTION)
    hidden_outputs = model.layer_outputs(ds.X_test[:N_UNIT_POINTS])[:-1]
    result = {
        "loss": np.array(trainer.history.train_loss),
        "test_acc": trainer.history.test_score[-1],
        "axis": axis,
        "P": P,
        "units": hidden_outputs[0],
        "spread": depth.unit_spread(hidden_outputs),
    }
    if activation == "linear":
        W_star, b_star = depth.collapse(params, spec.n_layers)
        Z = ds.X_test @ W_star + b_star
        result |= {"W_star": W_star, "b_star": b_star}
        result["gap"] = float(np.abs(model.predict(ds.X_test) - 1 / (1 + np.exp(-Z))).max())
    return result


@st.cache_data(max_entries=64, show_spinner=False)
def norms(case: str, n_layers: int) -> np.ndarray:
    activation, init = case.split("/")
    ds = data("circle")
    spec = depth.deep_spec(activation, init, n_layers, DEEP_WIDTH)
    return depth.gradient_norms(spec, ds.X_train, ds.y_train)


def nonlinear_tab(T: dict) -> None:
    N = T["nonlinear"]
    st.markdown(N["intro"])
    lecture_collapse_section(N)
    linear_vs_tanh_section(N)
    common.show_code(depth.collapse, depth.train)


def lecture_collapse_section(N: dict) -> None:
    """W1 · W2 = W* as three heatmaps with the numbers, and the check on random inputs."""
    st.subheader(N["collapse_header"])
    seed_col, _ = st.columns([1, 4])
    seed = seed_col.number_input(N["seed_label"], 0, 999, 0, key="bp_collapse_seed", **KEEP)
    c = lecture_collapse(int(seed))
    zmax = float(max(np.abs(c[k]).max() for k in ("W1", "W2", "W_star")))
    # W1 on its own row, then · W2 = W*: each matrix's numbers stay legible on a projector.
    first, _ = st.columns([3, 1])
    second = st.columns([0.5, 4, 0.5, 4], vertical_alignment="center")
    places = (first, second[1], second[3])
    for col, key, title in zip(
        places, ("W1", "W2", "W_star"), ("w1_title", "w2_title", "wstar_title"), strict=True
    ):
        common.chart(
            figures.matrix_heatmap(c[key], N[title], zmax, height=380),
            key=f"bp_collapse_{key}",
            where=col,
        )
    second[0].latex(r"\Huge\cdot")
    second[2].latex(r"\Huge=")
    st.markdown(N["collapse_check"].format(gap=c["gap"]))


def linear_vs_tanh_section(N: dict) -> None:
    """The same architecture trained with linear and with tanh activations, side by side."""
    st.subheader(N["train_header"])
    cols = st.columns(3)
    dataset = cols[0].selectbox(
        N["dataset_label"],
        NONLINEAR_DATASETS,
        key="bp_nl_dataset",
        **KEEP,
        format_func=lambda k: N["datasets"][k],
    )
    n_layers = cols[1].slider(N["layers_label"], 1, 4, 2, key="bp_nl_layers", **KEEP)
    epochs = cols[2].slider(N["epochs_label"], 20, 300, 150, 10, key="bp_nl_epochs", **KEEP)
    hidden = (8,) * n_layers
    linear = trained_run(dataset, "linear", "xavier", hidden, epochs, 0.03)
    tanh = trained_run(dataset, "tanh", "xavier", hidden, epochs, 0.03)
    panels = [
        (N["linear_title"].format(acc=linear["test_acc"]), linear["P"]),
        (N["tanh_title"].format(acc=tanh["test_acc"]), tanh["P"]),
    ]
    ds = data(dataset)
    fig = figures.boundaries(linear["axis"], panels, ds.X_test, ds.y_test, height=480)
    figures.add_line(
        fig,
        linear["W_star"][:, 0],
        float(linear["b_star"][0]),
        col=1,
        extent=float(linear["axis"][-1]),
    )
    common.chart(fig, key="bp_nl_boundaries")
    st.caption(N["legend"])
    w, b = bmatrix(linear["W_star"]), bmatrix(linear["b_star"])
    st.markdown(N["collapse_trained"].format(w=w, b=b, gap=linear["gap"]))


def depth_tab(T: dict) -> None:
    D = T["depth"]
    st.markdown(D["intro"])
    runs = init_section(D, T["nonlinear"]["datasets"])
    zeros_section(D, runs)
    norms_section(D)
    common.show_code(depth.deep_spec, depth.train, depth.gradient_norms, depth.unit_spread)


def init_section(D: dict, dataset_names: dict) -> dict:
    """Five initializations of the same deep net: loss curves and final boundaries."""
    st.subheader(D["init_header"])
    cols = st.columns(4)
    activation = bound(
        cols[0].selectbox,
        D["activation_label"],
        tuple(D["activations"]),
        key="bp_init_act",
        read=choice(D["activations"]),
        format_func=lambda k: D["activations"][k],
    )
    dataset = bound(
        cols[1].selectbox,
        D["dataset_label"],
        NONLINEAR_DATASETS,
        index=NONLINEAR_DATASETS.index("circle"),
        key="bp_init_dataset",
        read=choice(NONLINEAR_DATASETS),
        format_func=lambda k: dataset_names[k],
    )
    epochs = cols[2].slider(D["epochs_label"], 20, 300, 100, 10, key="bp_init_epochs", **KEEP)
    lr = cols[3].select_slider(D["lr_label"], LR_OPTIONS, 0.03, key="bp_init_lr", **KEEP)
    hidden = (DEEP_WIDTH,) * DEEP_LAYERS
    with st.spinner(D["spinner"]):
        runs = {
            init: trained_run(dataset, activation, init, hidden, epochs, lr)
            for init in depth.COMPARED_INITS
        }
    labels = D["inits"]
    losses = {labels[k]: r["loss"] for k, r in runs.items()}
    loss_fig = figures.curves(
        losses, D["loss_title"], D["epoch_axis"], D["loss_axis"], 380, first=0, markers=False
    )
    common.chart(loss_fig, key="bp_init_losses")
    panels = [
        (D["panel_title"].format(init=labels[k], acc=r["test_acc"]), r["P"])
        for k, r in runs.items()
    ]
    ds = data(dataset)
    fig = figures.boundaries(runs["zeros"]["axis"], panels, ds.X_test, ds.y_test, height=330)
    common.chart(fig, key="bp_init_boundaries")
    return runs


def zeros_section(D: dict, runs: dict) -> None:
    """The first hidden layer's unit outputs from zeros and from Xavier, on one colour scale."""
    st.subheader(D["zeros_header"])
    spread = {k: ", ".join(f"{v:.2g}" for v in runs[k]["spread"]) for k in ("zeros", "xavier")}
    st.markdown(D["zeros_explain"].format(**spread))
    units = {k: runs[k]["units"] for k in ("zeros", "xavier")}
    zrange = (
        min(float(u.min()) for u in units.values()),
        max(float(u.max()) for u in units.values()),
    )
    for col, k in zip(st.columns(2), units, strict=True):
        axes = (D["units_x"], D["units_y"])
        fig = figures.units_heatmap(units[k], D[f"{k}_title"], zrange, axes)
        common.chart(fig, key=f"bp_units_{k}", where=col)


def norms_section(D: dict) -> None:
    """‖dW[l]‖ per layer at the initial weights for the chosen activation/init pairs."""
    st.subheader(D["norms_header"])
    st.markdown(D["norms_explain"])
    cols = st.columns([1, 3])
    n_layers = bound(
        cols[0].slider, D["depth_label"], 6, 10, 8, key="bp_norm_depth", read=number(6, 10, int)
    )
    cases = cols[1].multiselect(
        D["cases_label"],
        CASES,
        DEFAULT_CASES,
        key="bp_norm_cases",
        **KEEP,
        format_func=lambda k: D["cases"][k],
    )
    series = {D["cases"][case]: norms(case, n_layers) for case in cases}
    fig = figures.curves(series, D["norms_title"], D["layer_axis"], D["norms_axis"], 420)
    common.chart(fig, key="bp_norms")
