"""CNN lab: convolution and pooling by hand, a CNN learning its kernels, drawing, MNIST workshop."""

from engine import conv
from engine.cnn_trainer import BatchTrainer
from engine.numpy_backend import cnn
from engine.numpy_backend import conv as layers
from ui import text
from ui.cnn import by_hand, draw, kernels, training, workshop
from ui.common import engine_picker, setup_page, show_code, user_errors
from ui.links import url_tabs

T = text.load("cnn")
setup_page(T)
engine = engine_picker("cnn_engine")

sections = {
    "conv": by_hand.convolution_section,
    "pool": by_hand.pooling_section,
    "kernels": kernels.kernels_section,
    "train": lambda T: training.training_section(T, engine),
    "draw": lambda T: draw.draw_section(T, engine),
    "workshop": lambda T: workshop.workshop_section(T, engine),
}
tabs = url_tabs({name: T["tabs"][name] for name in sections}, key="cnn_tab")
for tab, section in zip(tabs.values(), sections.values(), strict=True):
    if tab.open:
        with tab, user_errors():
            section(T)

show_code(
    conv.conv_trace,
    conv.pool_trace,
    layers.im2col,
    layers.conv_forward,
    layers.conv_backward,
    layers.pool_forward,
    layers.pool_backward,
    cnn.CNN,
    BatchTrainer,
)
