"""Colour-blind-safe colours shared by the labs.

Classes use Okabe and Ito's palette, ordered so that the first K colours stay as far apart as they
can for normal, protan, deutan and tritan vision (Machado et al. 2009 simulation, CIELAB ΔE): the
worst pair among the first 3 is ΔE 25, among 4 to 6 about 17 (the theme's chartCategoricalColors
order puts blue next to bluish green, which tritanopes see alike: ΔE 17 from 3 classes on).
Yellow comes last: it is faint on white. Each class also gets its own marker shape, so a class
never depends on colour alone.
"""

import numpy as np

CLASS_COLORS = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#009E73",  # bluish green
    "#F0E442",  # yellow
)
# Vega-Lite mark shapes, one per class (Plotly names differ: "x" for "cross", ...).
CLASS_SHAPES = ("circle", "cross", "diamond", "square", "triangle-up", "triangle-down", "wedge")


def class_colors(n_classes: int) -> list[str]:
    """The first n_classes colours; more classes than colours is a ValueError."""
    if not 1 <= n_classes <= len(CLASS_COLORS):
        raise ValueError(
            f"n_classes must be between 1 and {len(CLASS_COLORS)} (one colour-blind-safe colour "
            f"per class); got {n_classes}"
        )
    return list(CLASS_COLORS[:n_classes])


def class_shapes(n_classes: int) -> list[str]:
    """A Vega-Lite point shape per class, to go with class_colors."""
    class_colors(n_classes)
    return list(CLASS_SHAPES[:n_classes])


def rgb(hex_color: str) -> np.ndarray:
    """'#0072B2' -> array([0, 114, 178]) as uint8."""
    value = hex_color.lstrip("#")
    return np.array([int(value[i : i + 2], 16) for i in (0, 2, 4)], dtype=np.uint8)
