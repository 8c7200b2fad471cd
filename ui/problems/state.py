"""The Problems lab's session state: its configuration (from and to the URL, one session key).

On a session's first run, and when a link changed the URL (a preset), the widgets are filled from
the URL (`load_url`). Each run builds the configuration from the values the widget calls returned,
keeps it in CONFIG and writes it back to the URL (`remember`). The live runs use the Workshops
lab's controller (ui/workshops/state.py: Play/Pause/Step/Reset and the fragment).
"""

import streamlit as st

from ui import links
from ui.problems import config as cf

CONFIG = "pb_config"
NOTICES = "pb_notices"


def widget_values(cfg: cf.ProblemsConfig, T: dict) -> dict[str, object]:
    """The widget states that show `cfg`."""
    return {
        "pb_tab": T["tabs"][cfg.tab],
        "pb_share": cfg.share_pct,
        "pb_ispeed": cfg.imb_speed,
        "pb_n": cfg.n_train,
        "pb_width": cfg.width,
        "pb_lam": cfg.lam,
        "pb_sigma": cfg.sigma,
        "pb_fspeed": cfg.fit_speed,
        "pb_sweep": cfg.sweep,
        "pb_seed": cfg.seed,
    }


def load_url(T: dict) -> None:
    """Fill the widgets from the URL on a session's first run and after a preset link."""
    if CONFIG in st.session_state and not links.url_changed():
        if st.session_state.get("pb_tab") not in T["tabs"].values():  # the language changed
            st.session_state["pb_tab"] = T["tabs"][config().tab]
        return
    cfg, problems = cf.from_query(st.query_params.to_dict())
    st.session_state.update(widget_values(cfg, T))
    st.session_state[CONFIG] = cfg
    if problems:
        st.session_state[NOTICES] = [T["url_notice"].format(keys=", ".join(problems))]


def config() -> cf.ProblemsConfig:
    return st.session_state.get(CONFIG, cf.DEFAULT)


def remember(cfg: cf.ProblemsConfig) -> None:
    st.session_state[CONFIG] = cfg
    links.set_query(cf.to_query(cfg))


def show_notices() -> None:
    for notice in st.session_state.pop(NOTICES, []):
        st.warning(notice)
