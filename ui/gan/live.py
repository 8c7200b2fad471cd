"""The GAN run of this session and its live panel: Play/Pause, a Step of D only, of G only or of
one whole epoch, and Reset, through the Workshops lab's controller (ui/workshops/state.py: a flag
per run, a fragment that ticks while it is set, the session's training lock)."""

import numpy as np
import streamlit as st

from engine.gan.trainer import Gan, GanSpec
from ui import common, numbers
from ui.gan import config as cf
from ui.gan import figures
from ui.workshops import state as player

KEY = "gan_run"
PENDING = "gan_pending_steps"  # the Step buttons pressed since the last frame: "d", "g", "both"
PLAY_ICON, PAUSE_ICON = player.PLAY_ICON, player.PAUSE_ICON
STEP_ICON, RESET_ICON = player.STEP_ICON, player.RESET_ICON
# Step buttons by what they train; the epoch's key ends in _step for ui/presenter.py's → key.
STEP_KEYS = {"d": "gan_step_d", "g": "gan_step_g", "both": "gan_step"}


def get_run(spec: GanSpec) -> Gan:
    """The session's run; built again (paused) when the spec changed."""
    run = st.session_state.get(KEY)
    if run is None or run.spec != spec:
        run = st.session_state[KEY] = Gan(spec)
        player.set_running(KEY, False)
    return run


def step(which: str) -> None:
    player.set_running(KEY, False)
    st.session_state.setdefault(PENDING, []).append(which)


def buttons(T: dict) -> None:
    """Play or Pause, Step D, Step G, Step (one epoch) and Reset."""
    running = player.is_running(KEY)
    name = "pause" if running else "play"
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button(T[name], key=f"gan_{name}", type="primary", icon=PAUSE_ICON if running else
                  PLAY_ICON, on_click=player.set_running, args=(KEY, not running),
                  help=T["play_help"])  # fmt: skip
        for which, key in STEP_KEYS.items():
            st.button(T[f"step_{which}"], key=key, icon=STEP_ICON, on_click=step, args=(which,),
                      help=T[f"step_{which}_help"])  # fmt: skip
        st.button(T["reset"], key="gan_reset", icon=RESET_ICON, on_click=player.reset,
                  args=(KEY,), help=T["reset_help"])  # fmt: skip


def section(T: dict, cfg: cf.GanConfig, engine: tuple[str, str]) -> None:
    run = get_run(cfg.spec(*engine))
    buttons(T)
    player.live(KEY, panel, run, cfg, T)


def train(run: Gan, cfg: cf.GanConfig) -> None:
    """This frame's training: cfg.speed epochs while playing, then each Step pressed."""
    if player.is_running(KEY):
        run.train(cfg.speed)
    for which in st.session_state.pop(PENDING, []):
        run.train(1, which)


def panel(run: Gan, cfg: cf.GanConfig, T: dict) -> None:
    """One frame: train, then the plane, the numbers and the loss curves."""
    train(run, cfg)
    if run.diverged:
        st.error(T["diverged"].format(epoch=run.epoch))
        if player.is_running(KEY):
            player.set_running(KEY, False)
            st.rerun()
    s = run.scores()
    st.markdown(T["status"].format(
        epoch=run.epoch, d_steps=run.d_steps, g_steps=run.g_steps,
        kl=numbers.fmt(s["kl"], 3), js=numbers.fmt(s["js"], 3),
        acc_real=numbers.fmt(100 * s["acc_real"], 0), acc_fake=numbers.fmt(100 * s["acc_fake"], 0),
    ))  # fmt: skip
    left, right = st.columns([3, 2])
    plane = figures.plane(view(run, cfg.layers), cfg.layers, T["fig"])
    common.chart(plane, key="gan_plane", where=left)
    common.chart(figures.losses(run.history, T["fig"]), key="gan_losses", where=right)
    right.caption(T["metrics_note"])


def view(run: Gan, layers: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The arrays the plane draws (only those of the layers shown are computed)."""
    fake = run.fake()
    out = {"real": run.X_real, "fake": fake}
    if "dmap" in layers:
        out["u"], out["d_map"] = run.d_map()
    if "manifold" in layers:
        out["manifold"] = run.manifold()
    if "arrows" in layers:
        out["grad"] = run.d_gradient(fake[: figures.N_ARROWS])
    return out
