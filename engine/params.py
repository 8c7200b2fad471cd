"""Parameters stored as named views into one flat vector.

Every model in the engine keeps its parameters (W1, b1, ... or W_f, b_f, ...) as views into a single
1-D array θ, and its gradients as views into a matching array dθ. The optimizer then updates θ with
one vectorized expression instead of a Python loop over layers (the lecture's W := W − α·dW applied
to every W and b at once), and gradient clipping is one norm. This file has no framework imports: it
works for NumPy arrays and, through `views`, for torch tensors too.
"""

from collections.abc import Mapping
from math import prod


def layout(shapes: Mapping[str, tuple[int, ...]]) -> dict[str, tuple[int, int, tuple[int, ...]]]:
    """Offsets of each named parameter in θ: {name: (start, stop, shape)}."""
    table, start = {}, 0
    for name, shape in shapes.items():
        stop = start + prod(shape)
        table[name] = (start, stop, tuple(shape))
        start = stop
    return table


def size(shapes: Mapping[str, tuple[int, ...]]) -> int:
    """Total number of scalars in θ."""
    return sum(prod(shape) for shape in shapes.values())


def views(flat, shapes: Mapping[str, tuple[int, ...]]) -> dict:
    """Named views into `flat` (NumPy array or torch tensor); writing a view writes θ."""
    return {
        name: flat[start:stop].reshape(shape)
        for name, (start, stop, shape) in layout(shapes).items()
    }
