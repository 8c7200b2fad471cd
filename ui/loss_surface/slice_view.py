"""Drawing a network's slice: the surface around θ*, the trajectory on it, how much of the path the
plane explains, the true J along the path and the 1-D interpolation from θ_0 to θ*."""

import numpy as np
import streamlit as st

from engine import landscape as ls
from engine.spec import MLPSpec
from engine.trainer import Trainer
from ui import common
from ui.loss_surface import charts
from ui.loss_surface.figures import PATH_COLOURS, Trace, map_view, surface_view

LIVE_RESOLUTION = 31
INTERPOLATION_TS = np.linspace(-0.5, 1.5, 81)


def as_numpy(a) -> np.ndarray:
    """Trainer arrays as NumPy (the torch engine keeps tensors, maybe on the GPU)."""
    return a.detach().cpu().numpy() if hasattr(a, "detach") else np.asarray(a)


def trajectory(trainer: Trainer) -> tuple[np.ndarray, np.ndarray]:
    """Epochs (T,) and weights (T, P) of the recorded snapshots, ending at the current θ*."""
    epochs = [e for e, _ in trainer.snapshots]
    thetas = [theta for _, theta in trainer.snapshots]
    if not epochs or epochs[-1] != trainer.epoch:
        epochs.append(trainer.epoch)
        thetas.append(trainer.model.get_theta())
    return np.array(epochs), np.array(thetas)


def directions(T: dict, spec: MLPSpec, theta, thetas, config) -> tuple:
    """δ, η as asked; PCA falls back to random directions (with a note) on a short path."""
    if config.directions == "pca":
        try:
            return (*ls.pca_directions(thetas, theta), "pca")
        except ValueError as exc:
            st.info(T["msg"]["pca_fallback"].format(reason=exc))
    return (*ls.filter_normalized_directions(spec, theta, config.seed), "random")


def axes(fit: ls.PlaneFit, config, used: str, resolution: int):
    """α and β axes: ±radius for random directions, the path's extent (+25%) for PCA."""
    if used == "random":
        axis = np.linspace(-config.radius, config.radius, resolution)
        return axis, axis
    return (np.linspace(*ls.span(fit.coords[:, k]), resolution) for k in range(2))


def slice_engine(trainer: Trainer) -> dict:
    """The torch evaluator on a GPU; on the CPU the NumPy one, the faster of the two there."""
    device = getattr(trainer.model, "device", None)
    if device is not None and getattr(device, "type", "cpu") == "cuda":
        return {"backend": "torch", "device": "cuda"}
    return {}


def draw(T: dict, trainer: Trainer, config, live: bool) -> None:
    spec, theta = trainer.spec, trainer.model.get_theta()
    X, Y = as_numpy(trainer.X_train), as_numpy(trainer.Y_train)
    epochs, thetas = trajectory(trainer)
    delta, eta, used = directions(T, spec, theta, thetas, config)
    fit = ls.project(thetas, theta, delta, eta)
    alphas, betas = axes(fit, config, used, LIVE_RESOLUTION if live else config.resolution)
    engine = slice_engine(trainer)
    F = ls.loss_grid(spec, theta, delta, eta, alphas, betas, X, Y, **engine)
    points = np.vstack([fit.coords, [[0.0, 0.0]]])
    under = ls.plane_losses(spec, theta, delta, eta, points, X, Y, **engine)
    centre, under = under[-1], under[:-1]
    true = ls.path_losses(spec, thetas, X, Y)
    show_metrics(T, trainer, centre, fit)
    labels = T["fig"] | {"x": "α", "y": "β"}
    path = Trace(fit.coords, under, T["fig"]["trajectory"], PATH_COLOURS[0])
    here = Trace(np.zeros((1, 2)), np.array([centre]), T["fig"]["current"], "#000000")
    if live:  # the map alone: a 3-D surface on every tick is too heavy for a laptop's browser
        common.chart(map_view(alphas, betas, F, [path], labels, [here]), key="ls_slice_live")
    else:
        common.chart(surface_view(alphas, betas, F, [path], labels, [here]), key="ls_slice_fig")
    c1, c2 = st.columns(2)
    common.chart(
        charts.path_vs_slice(epochs, true, under, T["path_chart"]), key="ls_path_fig", where=c1
    )
    J_line = ls.interpolation(spec, thetas[0], theta, INTERPOLATION_TS, X, Y, **engine)
    common.chart(
        charts.interpolation(INTERPOLATION_TS, J_line, T["interp"]), key="ls_interp_fig", where=c2
    )


def show_metrics(T: dict, trainer: Trainer, centre: float, fit: ls.PlaneFit) -> None:
    """Epoch, the trainer's J, the slice's centre (the same number) and the share explained."""
    M = T["metrics"]
    J = trainer.history.train_loss[-1]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(M["epoch"], trainer.epoch)
    c2.metric(M["trainer_J"], f"{J:.5g}")
    c3.metric(M["centre"], f"{centre:.5g}", help=M["centre_help"])
    c4.metric(M["share"], f"{fit.share:.1%}", help=M["share_help"])
    far = float(fit.off_plane.max()) if len(fit.off_plane) else 0.0
    st.caption(T["msg"]["share"].format(share=fit.share, far=far))
