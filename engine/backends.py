"""Choose an engine: NumPy (always there) or torch on the CPU or a CUDA GPU (optional extra)."""

import numpy as np

from engine.spec import MLPSpec

BACKENDS = ("numpy", "torch")


def make_mlp(
    spec: MLPSpec,
    backend: str = "numpy",
    device: str = "cpu",
    seed: int = 0,
    params: dict | None = None,
    dtype=np.float64,
):
    """An MLP on the chosen engine; both start from the same seeded weights."""
    if backend == "numpy":
        if device != "cpu":
            raise ValueError(f"the NumPy engine runs on the CPU only; got device {device!r}")
        from engine.numpy_backend.mlp import MLP

        return MLP(spec, params=params, seed=seed, dtype=dtype)
    if backend == "torch":
        try:
            from engine.torch_backend.mlp import MLP
        except ImportError as exc:
            raise ValueError(
                "the torch engine is not installed (pip install 'neurona[torch]')"
            ) from exc
        return MLP(spec, params=params, seed=seed, dtype=dtype, device=device)
    raise ValueError(f"backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
