"""GAN lab (seed 003, "Red Generativa Adversarial"): a generator G and a discriminator D, two small
MLPs, fight over points in the plane; D's map, G's samples and manifold and the arrows ∂D/∂x move
while they train."""

from engine.gan import metrics, nets, numpy_pair, trainer
from ui import common, text
from ui.gan import controls, live, state

T = text.load("gan")
common.setup_page(T)
engine = common.engine_picker("gan_engine")

with common.user_errors():
    state.load_url(T)  # setup_page drew the lecture presets (T["presets"])
    state.show_notices()
    cfg = state.config()
    cfg = controls.view(T, cfg)
    cfg = controls.network(T, cfg, "g")
    cfg = controls.network(T, cfg, "d")
    cfg = controls.training(T, cfg)
    state.remember(cfg)
    live.section(T, cfg, engine)
    common.show_code(nets.mlp_backward, nets.d_loss, nets.g_loss, numpy_pair.NumpyPair.g_grads,
                     trainer.Gan.run_epoch, metrics.divergences)  # fmt: skip
