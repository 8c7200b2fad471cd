"""Loss-surface lab: gradient descent walking an exact J(w, b), and slices of a network's J."""

from engine import landscape, two_params
from ui import common, links, text
from ui.loss_surface import network, toy

T = text.load("loss_surface")
common.setup_page(T)
surface_tab, rates_tab, optimizers_tab, network_tab = links.url_tabs(T["tabs"], "ls_tab").values()
with common.user_errors():
    if network_tab.open:
        source, config, slice_config = network.sidebar(T)
        with network_tab:
            network.section(T, source, config, slice_config)
    else:
        setup = toy.sidebar(T)
        sections = (
            (surface_tab, toy.surface_section),
            (rates_tab, toy.rates_section),
            (optimizers_tab, toy.optimizers_section),
        )
        for tab, draw in sections:
            if tab.open:
                with tab:
                    draw(T, setup)
common.show_code(
    two_params.surface,
    two_params.descent_path,
    landscape.plane_losses,
    landscape.filter_normalized_directions,
    landscape.pca_directions,
    landscape.project,
)
