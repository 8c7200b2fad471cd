"""The neuron and backprop lab: its tabs (sections) and figures."""

from ui.backprop.depth import depth_tab, nonlinear_tab
from ui.backprop.neuron import gallery_tab, neuron_tab
from ui.backprop.stepper import backprop_tab

# Tab key (in the page's text file) -> the function that draws it, in display order.
TABS = {
    "neuron": neuron_tab,
    "gallery": gallery_tab,
    "nonlinear": nonlinear_tab,
    "backprop": backprop_tab,
    "depth": depth_tab,
}
