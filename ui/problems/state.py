"""The Problems lab's session state: its configuration (from and to the URL, one session key).

On a session's first run, and when a link changed the URL (a preset), the widgets are filled from
the URL (`load_url`). Each run builds the configuration from the values the widget calls returned,
keeps it in the session and writes it back to the URL (`remember`). The live runs use the Workshops
lab's controller (ui/workshops/state.py: Play/Pause/Step/Reset and the fragment).
"""

from ui import links
from ui.problems import config as cf


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


URL = links.UrlConfig("pb", cf.from_query, cf.to_query, widget_values, cf.DEFAULT)
load_url, config, remember, show_notices = URL.load, URL.config, URL.remember, URL.show_notices
