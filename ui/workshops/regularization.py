"""Workshop 2 (seed 001, "Taller Lasso y Ridge"): coefficient paths of Ridge, Lasso and ElasticNet,
the cross-validated λ, and gradient descent with a proximal L1 step moving θ onto its path."""

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st

from engine.workshops import data, descent, linear, paths
from ui import common, numbers
from ui.common import KEEP
from ui.workshops import config as cf
from ui.workshops import figures, house, state

KEY = "ws_fit"
CURVE_POINTS = 200


@dataclass(frozen=True)
class Problem:
    """Standardized features Z (m, n), the target y (m,), their names; x and the raw table for the
    polynomial curve."""

    Z: np.ndarray
    y: np.ndarray
    names: tuple[str, ...]
    scaler: linear.Scaler
    x: np.ndarray | None


@st.cache_data(max_entries=32, show_spinner=False)
def problem(path_data: str, features: tuple[str, ...], degree: int) -> Problem:
    if path_data == "poly":
        table, x = data.polynomial(degree=degree)
    else:
        table, x = data.houses(), None
        table = data.Table(table.columns(features), table.y, features)
    scaler = linear.fit_scaler(table.X)
    return Problem(scaler.transform(table.X), table.y, table.features, scaler, x)


@st.cache_data(max_entries=32, show_spinner=False)
def solved(path_data: str, features: tuple[str, ...], degree: int, r: float):
    """The 50-λ path, its training error and the 5-fold cross-validation, for one problem."""
    p = problem(path_data, features, degree)
    lams = paths.lambda_grid(p.Z, p.y, r)
    fitted = paths.path(p.Z, p.y, lams, r)
    return fitted, paths.training_error(p.Z, p.y, fitted), paths.cross_validate(p.Z, p.y, lams, r)


@dataclass
class FitRun:
    config: tuple
    exact: np.ndarray  # θ (n,) of coordinate descent at λ
    lr: float
    descent: descent.Descent


def build(run_config: tuple) -> FitRun:
    path_data, features, degree, r, lam, backend, device = run_config
    p = problem(path_data, features, degree)
    _, exact = paths.fit(p.Z, p.y, lam, r)
    lr = descent.largest_stable_lr(p.Z, lam * (1 - r)) / 2  # α = 1/L
    run = descent.Descent(p.Z, p.y, lr, lam, r, backend=backend, device=device)
    return FitRun(run_config, exact, lr, run)


def section(T: dict, cfg: cf.WorkshopsConfig, engine: tuple[str, str]) -> cf.WorkshopsConfig:
    R = T["paths"]
    st.markdown(R["about"])
    cfg = controls(T, cfg)
    p = problem(cfg.path_data, cfg.path_features, cfg.degree)
    fitted, train, cv = solved(cfg.path_data, cfg.path_features, cfg.degree, cfg.l1_ratio)
    run_config = (cfg.path_data, cfg.path_features, cfg.degree, cfg.l1_ratio, cfg.lam, *engine)
    run = state.get_run(KEY, run_config, build)
    buttons, note = st.columns([1, 1], vertical_alignment="center")
    with buttons:
        state.buttons(KEY, T)
    note.caption(R["descent_note"].format(lr=run.lr))
    state.live(KEY, panel, run, p, fitted, cv.best, cfg.speed, T)
    left, right = st.columns(2)
    with left:
        common.chart(figures.cv_figure(cv, train, cfg.lam, T["fig"]), key="ws_cv")
    with right:
        if p.x is None:
            zero_table(fitted, p.names, cv.best, T)
        else:
            poly_view(p, cfg, T)
    common.show_code(paths.coordinate_descent, paths.support_step, paths.path,
                     paths.cross_validate, descent.descent_step)  # fmt: skip
    return cfg


def controls(T: dict, cfg: cf.WorkshopsConfig) -> cf.WorkshopsConfig:
    """Data, features (or degree), the L1 share r, λ and the steps per frame."""
    R = T["paths"]
    top = st.columns([1, 2], vertical_alignment="bottom")
    path_data = top[0].selectbox(R["data"], cf.PATH_DATA, key="ws_data",
                                  format_func=R["datasets"].__getitem__, **KEEP)  # fmt: skip
    features, degree = cfg.path_features, cfg.degree
    if path_data == "houses":
        picked = top[1].pills(
            R["features"], data.HOUSE_FEATURES, selection_mode="multi", key="ws_pf",
            format_func=T["feature_names"].__getitem__, **KEEP,
        )  # fmt: skip
        features = tuple(f for f in data.HOUSE_FEATURES if f in picked)
        if not features:
            st.error(T["no_feature"].format(kept=house.feature_list(cfg.path_features, T)))
            features = cfg.path_features
    else:
        degree = top[1].slider(R["degree"], 1, cf.MAX_DEGREE, key="ws_degree",
                                help=R["degree_help"], **KEEP)  # fmt: skip
    cols = st.columns(3, vertical_alignment="bottom")
    r = cols[0].slider(R["r"], 0.0, 1.0, step=0.05, key="ws_r", help=R["r_help"], **KEEP)
    typed = cols[1].text_input(R["lam"], key="ws_lam", help=R["lam_help"], **KEEP)
    speed = house.speed_control(T, cols[2])
    lam = read_lambda(typed, cfg.lam, R)
    return replace(cfg, path_data=path_data, path_features=features, degree=degree,
                   l1_ratio=round(r, 2), lam=lam, speed=speed)  # fmt: skip


def read_lambda(typed: str, last: float, R: dict) -> float:
    """λ as typed (in the reader's locale); a bad or negative one keeps `last`, with a message."""
    try:
        lam = numbers.parse(typed)
    except ValueError as exc:
        st.error(R["lam_invalid"].format(problem=exc, kept=last))
        return last
    if not np.isfinite(lam) or not 0 <= lam <= cf.MAX_LAM:
        st.error(R["lam_range"].format(lam=lam, high=cf.MAX_LAM, kept=last))
        return last
    return lam


def panel(run: FitRun, p: Problem, fitted: paths.Path, best: float, speed: int, T: dict) -> None:
    """One frame: proximal gradient steps at λ, θ on the paths, θ beside the exact answer."""
    R, F = T["paths"], T["fig"]
    gd = run.descent
    gd.step(state.steps_to_take(KEY, speed))
    state.stop_if_diverged(KEY, gd.diverged_at, T)
    _, theta = gd.params()
    zeros = int((theta == 0).sum())
    st.markdown(R["status"].format(step=gd.steps, J=gd.history[-1], zeros=zeros, n=len(theta),
                                   gap=float(np.abs(theta - run.exact).max())))  # fmt: skip
    names = [name_of(n, T) for n in p.names]
    lam = run.config[4]
    left, right = st.columns(2)
    with left:
        common.chart(figures.paths_figure(fitted, names, lam, best, theta, F), key="ws_paths")
    with right:
        bars = figures.coefficient_bars(names, theta, run.exact, F, F["exact_at_lambda"])
        common.chart(bars, key="ws_bars")


def name_of(feature: str, T: dict) -> str:
    """A house feature's name, or x, x², ... for the powers of the polynomial."""
    if feature in T["feature_names"]:
        return T["feature_names"][feature]
    power = feature.split("^")[1]
    return "x" if power == "1" else "x" + power.translate(SUPERSCRIPTS)


SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def zero_table(fitted: paths.Path, names: tuple[str, ...], best: float, T: dict) -> None:
    """For each feature, the λ from which Lasso holds it at exactly 0, and θ at the best λ."""
    R = T["paths"]
    k = int(np.argmin(np.abs(fitted.lams - best)))
    rows = {
        R["feature"]: [name_of(n, T) for n in names],
        R["zero_from"]: [numbers.fmt(v, 3) if np.isfinite(v) else "—" for v in fitted.zero_from()],
        R["at_best"].format(lam=best): [numbers.fmt(v, 4) for v in fitted.theta[k]],
    }
    st.markdown(R["zero_heading"])
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    st.caption(R["zero_caption"])


def poly_view(p: Problem, cfg: cf.WorkshopsConfig, T: dict) -> None:
    """The polynomial of the chosen degree at the chosen λ, beside the true curve."""
    xs = np.linspace(-1.0, 1.0, CURVE_POINTS)
    theta0, theta = paths.fit(p.Z, p.y, cfg.lam, cfg.l1_ratio)
    fitted = linear.predict(theta0, theta, p.scaler.transform(data.powers(xs, cfg.degree)))
    a0, a1, a2 = data.POLY_TRUE
    fig = figures.poly_curve(p.x, p.y, xs, fitted, a0 + a1 * xs + a2 * xs**2, T["fig"])
    common.chart(fig, key="ws_poly")
