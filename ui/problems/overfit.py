"""The Overfitting tab (seed 003, sobreajuste; seed 002, parada anticipada): a big network on a
few noisy points, and its remedies side by side (L2, early stopping, data augmentation, more
data), trained live; the loss curves with the early-stopping epoch and a button that restores it;
the bias/variance sweep against the width or λ."""

from dataclasses import dataclass, field, replace

import numpy as np
import streamlit as st

from engine.problems import data, overfit
from ui import common, numbers, presenter, text
from ui.common import KEEP
from ui.problems import config as cf
from ui.problems import figures as fg
from ui.workshops import state as controller

KEY = "pb_fit"
SWEEP_EPOCHS = 200
SWEEP_SHOWN = "pb_sweep_shown"


@dataclass
class LiveOverfit:
    config: overfit.OverfitSetup
    split: data.Split
    runs: list[overfit.OverfitRun]
    figures: dict = field(default_factory=dict)  # language -> the boundaries, built once


def build(setup: overfit.OverfitSetup) -> LiveOverfit:
    return LiveOverfit(setup, *overfit.build(setup))


def section(T: dict, cfg: cf.ProblemsConfig) -> cf.ProblemsConfig:
    O = T["overfit"]
    if not presenter.is_presenting():  # on a projector the teacher says it; the view gets the room
        st.markdown(O["about"])
    cols = st.columns(4, vertical_alignment="bottom")
    n = cols[0].slider(O["n_train"], 10, 200, step=5, key="pb_n", help=O["n_train_help"], **KEEP)
    width = cols[1].select_slider(O["width"], overfit.WIDTHS, key="pb_width", **KEEP)
    lam = cols[2].select_slider(
        O["sweeps"]["lam"],
        overfit.LAMS[1:],
        key="pb_lam",
        help=O["lam_help"],
        format_func=numbers.fmt,
        **KEEP,
    )
    sigma = cols[3].select_slider(
        O["sigma"],
        cf.SIGMAS,
        key="pb_sigma",
        help=O["sigma_help"],
        format_func=numbers.fmt,
        **KEEP,
    )
    speed = st.select_slider(T["speed"], cf.SPEEDS, key="pb_fspeed", help=T["speed_help"], **KEEP)
    cfg = replace(
        cfg,
        n_train=int(n),
        width=int(width),
        lam=float(lam),
        sigma=round(float(sigma), 2),
        fit_speed=int(speed),
    )
    controller.buttons(KEY, T)
    controller.live(KEY, panel, T, cfg)
    cfg = sweep_section(T, cfg)
    common.show_code(overfit.augment, overfit.EarlyStopping, overfit.restore_best)
    return cfg


def panel(T: dict, cfg: cf.ProblemsConfig) -> None:
    O, F = T["overfit"], T["fig"]
    live = controller.get_run(KEY, cfg.overfit(), build)
    overfit.train_all(live.runs, controller.steps_to_take(KEY, cfg.fit_speed))
    plain = live.runs[0]
    best = plain.best
    st.markdown(
        O["status"].format(
            epoch=plain.trainer.epoch,
            best=best.epoch,
            best_loss=numbers.fixed(best.loss, 3),
            last_loss=numbers.fixed(plain.trainer.history.test_loss[-1], 3),
        )
    )
    st.button(
        O["restore"],
        key="pb_restore",
        icon=":material/history:",
        help=O["restore_help"],
        on_click=restore,
        disabled=best.epoch == plain.trainer.epoch,
    )
    names = [O["remedies"][r.remedy] for r in live.runs]
    fig = boundaries(live, names, O["early_title"].format(epoch=best.epoch), F)
    common.chart(fig, key="pb_fit_boundaries")
    curves = {
        r.remedy: (
            r.trainer.history.epoch,
            r.trainer.history.train_loss,
            r.trainer.history.test_loss,
        )
        for r in live.runs
    }
    fig = fg.loss_curves(curves, O["remedies"], (best.epoch, best.loss), F)
    common.chart(fig, key="pb_fit_curves")


def boundaries(live: LiveOverfit, names: list[str], early_title: str, F: dict):
    """No remedy, early stopping, L2, augmentation, more data and the test set: built on the
    run's first frame (in this language), then only the maps and the early-stopping title change."""
    plain = live.runs[0]
    maps = [fg.probability_map(r.trainer.model) for r in live.runs]
    maps.insert(1, best_map(plain))
    fig = live.figures.get(text.current_lang())
    if fig is None:
        layers = [points(r, F) for r in live.runs]
        layers.insert(1, layers[0])
        split = live.split
        layers.append(fg.class_points(split.X_test, split.y_test, [F["class0"], F["class1"]]))
        titles = [names[0], early_title, *names[1:], F["test_points"]]
        fig = live.figures[text.current_lang()] = fg.boundaries(titles, [*maps, None], layers)
    fg.set_maps(fig, maps)
    fig.layout.annotations[1].text = early_title
    return fig


def best_map(run: overfit.OverfitRun) -> np.ndarray:
    """The plain run's boundary at its early-stopping epoch."""
    model = run.trainer.model
    saved = model.get_theta()
    model.set_theta(run.best.theta)
    try:
        return fg.probability_map(model)
    finally:
        model.set_theta(saved)


def points(run: overfit.OverfitRun, F: dict) -> list[fg.Points]:
    """The points a run trained on (augmented copies and extra data included)."""
    names = [F["class0"], F["class1"]]
    return fg.class_points(run.trainer.X_train, run.trainer.y_train, names)


def restore() -> None:
    """Early stopping: the plain run goes back to its lowest-test-loss epoch, paused."""
    with common.one_run_at_a_time():
        live = st.session_state.get(KEY)
        if live is not None:
            overfit.restore_best(live.runs[0])
    controller.set_running(KEY, False)


@st.cache_data(max_entries=16, show_spinner=False)
def swept(setup: overfit.OverfitSetup, kind: str):
    return overfit.sweep(setup, kind, SWEEP_EPOCHS)


def sweep_section(T: dict, cfg: cf.ProblemsConfig) -> cf.ProblemsConfig:
    """Bias and variance: final errors against the width or λ, trained on request (seconds)."""
    O, F = T["overfit"], T["fig"]
    st.subheader(O["bv_header"])
    st.markdown(O["bv_about"].format(epochs=SWEEP_EPOCHS))
    cols = st.columns([3, 2], vertical_alignment="bottom")
    kind = cols[0].segmented_control(
        O["sweep"], cf.SWEEPS, key="pb_sweep", format_func=O["sweeps"].__getitem__, **KEEP
    )
    kind = kind or cfg.sweep
    cfg = replace(cfg, sweep=kind)
    if cols[1].button(O["sweep_run"], key="pb_sweep_run", icon=":material/query_stats:"):
        st.session_state[SWEEP_SHOWN] = True
    if st.session_state.get(SWEEP_SHOWN):
        with st.spinner(O["sweep_wait"]):
            values, train_err, test_err = swept(cfg.overfit(), kind)
        x_title = O["sweeps"][kind]
        fig = fg.bias_variance(values, train_err, test_err, F, x_title)
        common.chart(fig, key="pb_bv")
    return cfg
