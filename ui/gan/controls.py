"""The GAN lab's controls, in the sidebar: the data and the view, the two networks and their
training. Each returns the configuration the widgets show; a value that cannot
train (no neurons, k_D = k_G = 0) is named in an error and the last good value is kept."""

from dataclasses import replace

import streamlit as st

from engine.gan import data
from ui import numbers
from ui.common import KEEP
from ui.gan import config as cf


def view(T: dict, cfg: cf.GanConfig) -> cf.GanConfig:
    """The real distribution, what the plane shows and the epochs per frame (top of the sidebar,
    so that the live view fills the screen; in presenter mode the URL keeps them)."""
    side = st.sidebar
    dataset = side.selectbox(T["data"], data.DATASETS, key="gan_data",
                             format_func=T["data_names"].__getitem__, **KEEP)  # fmt: skip
    layers = side.pills(
        T["show"], cf.LAYERS, selection_mode="multi", key="gan_layers",
        format_func=T["layer_names"].__getitem__, **KEEP,
    )  # fmt: skip
    speed = side.select_slider(T["speed"], cf.SPEEDS, key="gan_speed", help=T["speed_help"],
                               **KEEP)  # fmt: skip
    shown = tuple(name for name in cf.LAYERS if name in layers)
    return replace(cfg, data=dataset, speed=speed, layers=shown)


def network(T: dict, cfg: cf.GanConfig, net: str) -> cf.GanConfig:
    """Layers, neurons, optimizer and α of G (net "g") or D (net "d")."""
    N = T[net]
    side = st.sidebar
    side.markdown(f"**{N['title']}**")
    cols = side.columns(2)
    depth = cols[0].number_input(T["depth"], 1, cf.MAX_DEPTH, key=f"gan_{net}_depth", **KEEP)
    width = cols[1].number_input(T["width"], 0, cf.MAX_WIDTH, key=f"gan_{net}_width",
                                 help=T["width_help"], **KEEP)  # fmt: skip
    if width == 0:
        st.error(T["no_neurons"].format(net=N["name"], kept=getattr(cfg, f"{net}_width")))
        width = getattr(cfg, f"{net}_width")
    opt = side.segmented_control(T["optimizer"], cf.OPTIMIZERS, key=f"gan_opt_{net}",
                                 format_func=T["optimizers"].__getitem__, **KEEP)  # fmt: skip
    lr = side.select_slider(T["lr"], cf.LEARNING_RATES, key=f"gan_lr_{net}",
                            format_func=numbers.fmt, **KEEP)  # fmt: skip
    opt = opt or getattr(cfg, f"opt_{net}")  # a click on the chosen option clears it
    values = {f"{net}_depth": depth, f"{net}_width": width, f"opt_{net}": opt, f"lr_{net}": lr}
    return replace(cfg, **values)


def training(T: dict, cfg: cf.GanConfig) -> cf.GanConfig:
    """Noise, k_D and k_G, the loss and the seed."""
    side = st.sidebar
    side.markdown(f"**{T['training']}**")
    cols = side.columns(2)
    noise = cols[0].selectbox(T["noise"], cf.NOISES, key="gan_noise",
                              format_func=T["noise_names"].__getitem__, **KEEP)  # fmt: skip
    noise_dim = cols[1].selectbox(T["noise_dim"], (1, 2), key="gan_noise_dim", **KEEP)
    k_d = cols[0].number_input("k_D", 0, cf.MAX_K, key="gan_k_d", help=T["k_d_help"], **KEEP)
    k_g = cols[1].number_input("k_G", 0, cf.MAX_K, key="gan_k_g", help=T["k_g_help"], **KEEP)
    if k_d + k_g == 0:
        st.error(T["no_updates"].format(k_d=cfg.k_d, k_g=cfg.k_g))
        k_d, k_g = cfg.k_d, cfg.k_g
    loss = side.selectbox(T["loss"], cf.LOSSES, key="gan_loss",
                          format_func=T["loss_names"].__getitem__, **KEEP)  # fmt: skip
    seed = side.number_input(T["seed"], 0, cf.MAX_SEED, key="gan_seed", help=T["seed_help"],
                             **KEEP)  # fmt: skip
    return replace(cfg, noise=noise, noise_dim=noise_dim, k_d=k_d, k_g=k_g, loss=loss, seed=seed)
