"""The two-parameter part of the loss-surface lab: settings, and the three sections that walk the
exact surface J(w, b) (one path; four learning rates; three optimizers)."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from engine import two_params as tp
from ui import common
from ui.common import KEEP
from ui.loss_surface import charts
from ui.loss_surface.figures import PATH_COLOURS, Trace, panels, surface_view

LAMS = (0.0, 0.1, 0.3, 1.0, 3.0, 10.0, 20.0, 30.0, 50.0, 100.0)
REGS = ("none", "l1", "l2", "elasticnet")
OPTIMIZERS = ("sgd", "momentum", "adam")
RATES = ("too_small", "good", "oscillating", "too_large")
RESOLUTION_3D, RESOLUTION_MAP = 60, 121


@dataclass(frozen=True)
class Toy:
    """The chosen model, data, λ term, start and number of steps."""

    model: str
    data: str
    n_points: int
    noise: float
    seed: int
    reg: str
    lam: float
    l1_ratio: float
    start: tuple[float, float]
    steps: int

    @property
    def spec(self):
        return tp.spec_for(
            self.model, self.reg, self.lam if self.reg != "none" else 0.0, self.l1_ratio
        )

    @property
    def view(self) -> tp.Data1D:
        return tp.DATASETS[self.data]

    def xy(self) -> tuple[np.ndarray, np.ndarray]:
        return tp.make_data(self.data, self.n_points, self.noise, self.seed)


def reset_start() -> None:
    """A new data set starts from its own start point."""
    w, b = tp.DATASETS[st.session_state["ls_data"]].start
    st.session_state["ls_w0"], st.session_state["ls_b0"] = w, b


def some_lambda() -> None:
    """Choosing a λ term with λ = 0 would show nothing: start from λ = 10."""
    if st.session_state["ls_reg"] != "none" and st.session_state.get("ls_lam", 0.0) == 0.0:
        st.session_state["ls_lam"] = 10.0


def sidebar(T: dict) -> Toy:
    """The sidebar settings shared by the three two-parameter sections."""
    S = T["toy"]
    sb = st.sidebar
    sb.header(S["header"])
    model = sb.radio(
        S["model"], list(tp.MODELS), format_func=S["models"].get, key="ls_model", **common.KEEP
    )
    task = "regression" if model == "linear" else "classification"
    names = [d for d, spec in tp.DATASETS.items() if spec.task == task]
    if st.session_state.get("ls_data") not in names:
        st.session_state["ls_data"] = names[0]
        reset_start()
    data = sb.selectbox(
        S["data"],
        names,
        format_func=S["datasets"].get,
        key="ls_data",
        on_change=reset_start,
        help=S["data_help"],
        **common.KEEP,
    )
    n_points = sb.slider(S["n_points"], 10, 200, 40, 10, key="ls_n", **common.KEEP)
    noise = sb.slider(S["noise"], 0.0, 1.0, 0.5, 0.05, key="ls_noise", **common.KEEP)
    seed = sb.number_input(S["seed"], 0, 9999, 0, key="ls_seed", **common.KEEP)
    reg = sb.radio(
        S["reg"],
        REGS,
        format_func=S["regs"].get,
        horizontal=True,
        key="ls_reg",
        on_change=some_lambda,
        help=S["reg_help"],
        **common.KEEP,
    )
    lam = sb.select_slider(S["lam"], LAMS, 0.0, key="ls_lam", disabled=reg == "none", **common.KEEP)
    l1_ratio = 0.5
    if reg == "elasticnet":
        l1_ratio = sb.slider(S["l1_ratio"], 0.0, 1.0, 0.5, 0.05, key="ls_l1", **common.KEEP)
    if "ls_w0" not in st.session_state:
        reset_start()
    c1, c2 = sb.columns(2)
    w0 = c1.number_input(S["w0"], -100.0, 100.0, step=0.25, key="ls_w0", **common.KEEP)
    b0 = c2.number_input(S["b0"], -100.0, 100.0, step=0.25, key="ls_b0", **common.KEEP)
    steps = sb.slider(S["steps"], 10, 500, 100, 10, key="ls_steps", **common.KEEP)
    return Toy(model, data, n_points, noise, int(seed), reg, lam, l1_ratio, (w0, b0), steps)


@st.cache_data(max_entries=64, show_spinner=False)
def grids(toy: Toy, resolution: int):
    """The axes and J(w, b) on a resolution x resolution grid over the data set's view."""
    X, y = toy.xy()
    w_axis = np.linspace(*toy.view.w_range, resolution)
    b_axis = np.linspace(*toy.view.b_range, resolution)
    return w_axis, b_axis, tp.surface(toy.spec, X, y, w_axis, b_axis)


@st.cache_data(max_entries=64, show_spinner=False)
def minima(toy: Toy) -> tp.Minima:
    """The minimum for every λ of the slider (the regularization path)."""
    X, y = toy.xy()
    lams = LAMS if toy.reg != "none" else (0.0,)
    return tp.minimum_path(toy.spec, X, y, toy.view.w_range, toy.view.b_range, lams)


@st.cache_data(max_entries=64, show_spinner=False)
def presets(toy: Toy) -> dict[str, float]:
    X, y = toy.xy()
    return tp.lr_presets(toy.spec, X, y, toy.start, toy.view.w_range, toy.view.b_range, toy.steps)


def run(toy: Toy, optimizer: str, lr: float, batch_size: int | None = None):
    """A path from the start, cut at the view's edge: (Path, shown as a Trace, first step out)."""
    X, y = toy.xy()
    path = tp.descent_path(toy.spec, X, y, toy.start, optimizer, lr, toy.steps, batch_size)
    points, left = tp.clip_to_view(path.theta, toy.view.w_range, toy.view.b_range)
    return path, (points, tp.losses_at(toy.spec, X, y, points)), left


def trace(shown: tuple, name: str, colour: str) -> Trace:
    points, J = shown
    return Trace(points, J, name, colour)


def report(T: dict, label: str, path: tp.Path, left: int | None) -> None:
    """Say plainly when a path diverged or left the view (it is drawn up to the edge)."""
    M = T["msg"]
    if path.diverged_at is not None:
        st.error(M["diverged"].format(run=label, step=path.diverged_at))
    elif left is not None:
        st.warning(M["left_view"].format(run=label, step=left))


def marks(T: dict, toy: Toy) -> list[Trace]:
    """Where the minimum sits for each λ (dashed) and at the current λ (a star, if in view)."""
    best = minima(toy)
    now = int(np.argmin(np.abs(best.lams - toy.lam))) if toy.reg != "none" else 0
    out = []
    if len(best.lams) > 1:
        points = np.column_stack([best.w, best.b])
        out.append(Trace(points, best.J, T["fig"]["lambda_path"], "#000000"))
    if not best.at_edge[now]:
        star = np.array([[best.w[now], best.b[now]]])
        out.append(Trace(star, best.J[now : now + 1], T["fig"]["minimum"], "#000000"))
    return out


def surface_section(T: dict, toy: Toy) -> None:
    """One gradient-descent path on the exact surface, in 3-D and on the contour map."""
    S, F = T["surface"], T["fig"]
    st.markdown(S["lead"])
    rates = presets(toy)
    c1, c2 = st.columns(2)
    optimizer = c1.radio(
        S["optimizer"],
        OPTIMIZERS,
        format_func=T["optimizers"].get,
        horizontal=True,
        key="ls_opt1",
        **common.KEEP,
    )
    lr = c2.number_input(
        S["lr"],
        1e-5,
        1e3,
        value=float(f"{rates['good']:.3g}"),
        format="%.4g",
        key=f"ls_lr1_{toy.data}_{toy.model}",
        **KEEP,
        help=S["lr_help"].format(good=rates["good"]),
    )
    path, shown, left = run(toy, optimizer, lr)
    report(T, T["optimizers"][optimizer], path, left)
    w_axis, b_axis, J = grids(toy, RESOLUTION_3D)
    labels = F | {"x": "w", "y": "b"}
    fig = surface_view(
        w_axis,
        b_axis,
        J,
        [trace(shown, T["optimizers"][optimizer], PATH_COLOURS[0])],
        labels,
        marks(T, toy),
    )
    common.chart(fig, key="ls_surface_fig")
    best = minima(toy)
    explain_minimum(T, toy, best)
    c1, c2 = st.columns(2)
    X, y = toy.xy()
    end = shown[0][-1] if len(shown[0]) else path.theta[0]
    models = [
        (*toy.start, F["start_model"], "#999999", "dash"),
        (*end, F["end_model"], PATH_COLOURS[0], "solid"),
    ]
    common.chart(charts.fit(X, y, toy.spec.output, models, T["fit"]), key="ls_fit_fig", where=c1)
    common.chart(
        charts.loss_curves([(path.J, T["optimizers"][optimizer], PATH_COLOURS[0])], T["curves"]),
        key="ls_curve_fig",
        where=c2,
    )


def explain_minimum(T: dict, toy: Toy, best: tp.Minima) -> None:
    """Where the minimum is, and how λ moved it."""
    M = T["msg"]
    i = int(np.argmin(np.abs(best.lams - toy.lam))) if toy.reg != "none" else 0
    if best.at_edge[i]:
        st.info(M["no_minimum"])
        return
    st.caption(M["minimum"].format(w=best.w[i], b=best.b[i], J=best.J[i]))
    if toy.reg != "none" and toy.lam > 0:
        st.caption(
            M["moved"].format(w0=best.w[0], b0=best.b[0], lam=toy.lam, w=best.w[i], b=best.b[i])
        )


def rates_section(T: dict, toy: Toy) -> None:
    """The same start, four learning rates, side by side."""
    S = T["rates"]
    st.markdown(S["lead"])
    rates = presets(toy)
    signature = (toy, tuple(rates.values()))
    if st.session_state.get("ls_rates_for") != signature:  # new surface: suggested rates again
        st.session_state["ls_rates_for"] = signature
        for name in RATES:
            st.session_state[f"ls_rate_{name}"] = float(f"{rates[name]:.3g}")
    cols = st.columns(len(RATES))
    lrs = [
        col.number_input(S["names"][name], 1e-6, 1e3, format="%.4g", key=f"ls_rate_{name}", **KEEP)
        for col, name in zip(cols, RATES, strict=True)
    ]
    X, y = toy.xy()
    traces, titles = [], []
    for name, lr in zip(RATES, lrs, strict=True):
        path, shown, left = run(toy, "sgd", lr)
        kind = tp.behaviour(toy.spec, X, y, path, toy.view.w_range, toy.view.b_range)
        titles.append(S["title"].format(lr=lr, what=S["behaviours"][kind]))
        traces.append(trace(shown, S["names"][name], PATH_COLOURS[0]))
        report(T, S["names"][name], path, left)
    w_axis, b_axis, J = grids(toy, RESOLUTION_3D)
    common.chart(
        panels(w_axis, b_axis, J, traces, titles, T["fig"] | {"x": "w", "y": "b"}),
        key="ls_rates_fig",
    )
    st.caption(S["caption"])


def optimizers_section(T: dict, toy: Toy) -> None:
    """SGD, momentum and Adam from the same start on the same surface."""
    S = T["optimizers_section"]
    st.markdown(S["lead"])
    rates = presets(toy)
    defaults = {"sgd": rates["good"], "momentum": rates["good"] / 5, "adam": adam_rate(toy)}
    cols = st.columns(4)
    lrs = {
        name: col.number_input(
            S["lr"].format(name=T["optimizers"][name]),
            1e-6,
            1e3,
            value=float(f"{defaults[name]:.3g}"),
            format="%.4g",
            key=f"ls_lr3_{name}_{toy.data}_{toy.model}",
            **KEEP,
        )
        for col, name in zip(cols, OPTIMIZERS, strict=False)
    }
    m = toy.n_points
    batch = cols[3].slider(S["batch"], 1, m, m, key=f"ls_batch_{m}", **KEEP, help=S["batch_help"])
    traces, curves = [], []
    for name, colour in zip(OPTIMIZERS, PATH_COLOURS[:3], strict=True):
        path, shown, left = run(toy, name, lrs[name], batch if batch < m else None)
        report(T, T["optimizers"][name], path, left)
        traces.append(trace(shown, T["optimizers"][name], colour))
        curves.append((path.J, T["optimizers"][name], colour))
    w_axis, b_axis, J = grids(toy, RESOLUTION_3D)
    common.chart(
        surface_view(w_axis, b_axis, J, traces, T["fig"] | {"x": "w", "y": "b"}, marks(T, toy)),
        key="ls_opt_fig",
    )
    common.chart(charts.loss_curves(curves, T["curves"]), key="ls_opt_curves")


def adam_rate(toy: Toy) -> float:
    """Adam moves each parameter by about α per step at first: 1/50 of the view's size."""
    w, b = toy.view.w_range, toy.view.b_range
    return 0.02 * max(w[1] - w[0], b[1] - b[0])
