"""The GAN lab's session state: its configuration, from and to the URL, in one session key.

On a session's first run, and when a link changed the URL (a preset), the widgets are filled from
the URL (`load_url`). Each run builds the configuration from the values the widget calls returned,
keeps it in CONFIG and writes it back to the URL (`remember`), as ui/workshops/state.py does.
"""

import streamlit as st

from ui import links
from ui.gan import config as cf

CONFIG = "gan_config"
NOTICES = "gan_notices"


def widget_values(cfg: cf.GanConfig) -> dict[str, object]:
    """The widget states that show `cfg` (widget key -> value)."""
    return {
        "gan_data": cfg.data,
        "gan_layers": list(cfg.layers),
        "gan_speed": cfg.speed,
        "gan_g_depth": cfg.g_depth,
        "gan_g_width": cfg.g_width,
        "gan_d_depth": cfg.d_depth,
        "gan_d_width": cfg.d_width,
        "gan_noise": cfg.noise,
        "gan_noise_dim": cfg.noise_dim,
        "gan_k_d": cfg.k_d,
        "gan_k_g": cfg.k_g,
        "gan_opt_g": cfg.opt_g,
        "gan_lr_g": cfg.lr_g,
        "gan_opt_d": cfg.opt_d,
        "gan_lr_d": cfg.lr_d,
        "gan_loss": cfg.loss,
        "gan_seed": cfg.seed,
    }


def load_url(T: dict) -> None:
    """Fill the widgets from the URL on a session's first run and after a preset link."""
    if CONFIG in st.session_state and not links.url_changed():
        return
    cfg, problems = cf.from_query(st.query_params.to_dict())
    st.session_state.update(widget_values(cfg))
    st.session_state[CONFIG] = cfg
    if problems:
        st.session_state[NOTICES] = [T["url_notice"].format(keys=", ".join(problems))]


def config() -> cf.GanConfig:
    return st.session_state.get(CONFIG, cf.DEFAULT)


def remember(cfg: cf.GanConfig) -> None:
    st.session_state[CONFIG] = cfg
    links.set_query(cf.to_query(cfg))


def show_notices() -> None:
    for notice in st.session_state.pop(NOTICES, []):
        st.warning(notice)
