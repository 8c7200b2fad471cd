"""The GAN lab's session state: its configuration, from and to the URL, in one session key.

On a session's first run, and when a link changed the URL (a preset), the widgets are filled from
the URL (`load_url`). Each run builds the configuration from the values the widget calls returned,
keeps it in the session and writes it back to the URL (`remember`): ui.links.UrlConfig does it all.
"""

from ui import links
from ui.gan import config as cf


def widget_values(cfg: cf.GanConfig, T: dict) -> dict[str, object]:
    """The widget states that show `cfg` (widget key -> value); T as in the other labs, unused."""
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


URL = links.UrlConfig("gan", cf.from_query, cf.to_query, widget_values, cf.DEFAULT)
load_url, config, remember, show_notices = URL.load, URL.config, URL.remember, URL.show_notices
