"""Workshop 1 (seed 002, "Predecir el Precio de una Vivienda"): one neuron, ŷ = x·w + b, learns a
house price by gradient descent; unscaled m² make α useless, standardized ones do not."""

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st

from engine.workshops import data, descent, linear
from ui import common, numbers
from ui.common import KEEP
from ui.workshops import config as cf
from ui.workshops import figures, state

KEY = "ws_house"


@dataclass
class HouseRun:
    config: tuple
    X: np.ndarray  # (m, n) the chosen features, raw units
    y: np.ndarray  # (m,) price, thousand USD
    scaler: linear.Scaler
    exact: tuple[float, np.ndarray]  # least squares θ0, θ in raw units
    stable_lr: float  # 2/L for the inputs the neuron sees
    descent: descent.Descent


def build(run_config: tuple) -> HouseRun:
    features, scale, lr, backend, device = run_config
    table = data.houses()
    X = table.columns(features)
    scaler = linear.fit_scaler(X) if scale else linear.identity_scaler(X.shape[1])
    Z = scaler.transform(X)  # what the neuron sees
    run = descent.Descent(Z, table.y, lr, backend=backend, device=device)
    exact = linear.least_squares(X, table.y)
    return HouseRun(run_config, X, table.y, scaler, exact, descent.largest_stable_lr(Z), run)


def section(T: dict, cfg: cf.WorkshopsConfig, engine: tuple[str, str]) -> cf.WorkshopsConfig:
    H = T["house"]
    st.markdown(H["about"])
    picked = st.pills(
        H["features"], data.HOUSE_FEATURES, selection_mode="multi", key="ws_hf",
        format_func=T["feature_names"].__getitem__, help=H["features_help"], **KEEP,
    )  # fmt: skip
    features = tuple(f for f in data.HOUSE_FEATURES if f in picked)
    if not features:
        st.error(T["no_feature"].format(kept=feature_list(cfg.house_features, T)))
        features = cfg.house_features
    cols = st.columns([2, 3, 2], vertical_alignment="bottom")
    scale = cols[0].toggle(H["scale"], key="ws_scale", help=H["scale_help"], **KEEP)
    lr = cols[1].select_slider(H["lr"], cf.LEARNING_RATES, key="ws_lr", format_func=numbers.fmt,
                               help=H["lr_help"], **KEEP)  # fmt: skip
    speed = speed_control(T, cols[2])
    cfg = replace(cfg, house_features=features, scale=scale, lr=lr, speed=speed)
    run = state.get_run(KEY, (features, scale, lr, *engine), build)
    buttons, note = st.columns([1, 1], vertical_alignment="center")
    with buttons:
        state.buttons(KEY, T)
    note.caption(H["stable_note"].format(limit=run.stable_lr, lr=lr))
    state.live(KEY, panel, run, speed, T)
    common.show_code(descent.descent_step, descent.Descent.step, linear.least_squares,
                     linear.Scaler.unscale)  # fmt: skip
    return cfg


def speed_control(T: dict, col) -> int:
    return col.select_slider(T["speed"], cf.SPEEDS, key="ws_speed", help=T["speed_help"], **KEEP)


def feature_list(features: tuple[str, ...], T: dict) -> str:
    return ", ".join(T["feature_names"][f] for f in features)


def panel(run: HouseRun, speed: int, T: dict) -> None:
    """One frame: gradient steps, then the neuron's line (or predictions), J and the θ table."""
    H, F = T["house"], T["fig"]
    gd = run.descent
    gd.step(state.steps_to_take(KEY, speed))
    state.stop_if_diverged(KEY, gd.diverged_at, T)
    theta0, theta = run.scaler.unscale(*gd.params())  # back to m², rooms, years, km
    st.markdown(H["status"].format(step=gd.steps, J=gd.history[-1]))
    features = run.config[0]
    st.latex(equation(theta0, theta, features, T))
    left, right = st.columns(2)
    with left:
        if len(features) == 1:
            fig = figures.house_line(run.X[:, 0], run.y, (theta0, theta[0]),
                                     (run.exact[0], run.exact[1][0]), F)  # fmt: skip
        else:
            fig = figures.predicted_vs_actual(run.y, linear.predict(theta0, theta, run.X), F)
        common.chart(fig, key="ws_house_fit")
    with right:
        common.chart(figures.cost_curve(gd.history, F), key="ws_house_cost")
    compare_table(theta0, theta, run, T)


def equation(theta0: float, theta: np.ndarray, features: tuple[str, ...], T: dict) -> str:
    """ŷ = θ0 + θ1·x1 + ... with the current numbers, in the features' own units."""
    names = T["feature_latex"]
    terms = "".join(
        f" {'+' if t >= 0 else '-'} {numbers.fmt(abs(t), 4)}\\,{names[f]}"
        for t, f in zip(theta, features, strict=True)
    )
    return T["house"]["equation"].format(terms=f"{numbers.fmt(theta0, 4)}{terms}")


def compare_table(theta0: float, theta: np.ndarray, run: HouseRun, T: dict) -> None:
    """Gradient descent's θ beside least squares' (the normal equations), term by term."""
    H = T["house"]
    exact = np.r_[run.exact[0], run.exact[1]]
    ours = np.r_[theta0, theta]
    terms = [H["intercept"]] + [T["feature_names"][f] for f in run.config[0]]
    gap = np.abs(ours - exact)
    columns = {H["descent"]: ours, H["least_squares"]: exact, H["gap"]: gap}
    table = {H["term"]: terms} | {name: [numbers.fmt(v, 4) for v in values]
                                  for name, values in columns.items()}  # fmt: skip
    st.dataframe(pd.DataFrame(table), hide_index=True)
