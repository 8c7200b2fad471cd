"""Suite-wide hooks: tests marked @pytest.mark.cuda skip cleanly without torch or a CUDA GPU."""

import pytest


def cuda_missing_reason() -> str | None:
    """Why CUDA tests cannot run here, or None when they can."""
    try:
        import torch
    except ImportError:
        return "torch is not installed (pip install -e '.[torch]')"
    if not torch.cuda.is_available():
        return "torch sees no CUDA GPU"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    cuda_items = [item for item in items if item.get_closest_marker("cuda")]
    # Only import torch (seconds) when some collected test needs it.
    reason = cuda_missing_reason() if cuda_items else None
    if reason is None:
        return
    skip = pytest.mark.skip(reason=reason)
    for item in cuda_items:
        item.add_marker(skip)
