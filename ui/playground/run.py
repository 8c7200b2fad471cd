"""One Playground run: the data, the network and its trainer, built from a `PlaygroundConfig`.

The run lives in the browser session's st.session_state (never at module level), so two people
training at once never share a model. `train` advances it a few epochs per animation frame within
a time budget, so a large network or a small batch slows the epochs, not the page.
"""

import time
from dataclasses import dataclass

import numpy as np

from engine.backends import make_mlp
from engine.datasets import Dataset, featurize, grid, make_dataset
from engine.trainer import Trainer
from ui.common import one_torch_thread
from ui.playground.config import PlaygroundConfig

EXTENT = 6.0  # the plane shown is [−6, 6]²
BIG_RES = 50  # the big heatmap: the output over a 50 x 50 grid
TILE_PIXELS = 6000  # all neuron thumbnails together (they are sent every frame)
TILE_RES = (6, 20)  # the smallest and largest thumbnail side
MAX_SNAPSHOTS = 300


@dataclass
class Run:
    """A network training on a dataset, with the plane's grid points already featurized."""

    config: PlaygroundConfig
    data: Dataset
    trainer: Trainer
    big_grid: np.ndarray  # (BIG_RES², n_features)
    tile_grid: np.ndarray  # (tile_res², n_features)
    tile_res: int

    @property
    def model(self):
        return self.trainer.model


def build_run(config: PlaygroundConfig) -> Run:
    """Data, initial weights and minibatch order all come from config.seed."""
    spec = config.mlp_spec()
    backend, device = config.backend
    if backend == "torch":
        one_torch_thread()
    data = make_dataset(config.data_spec())
    features = config.engine_features()
    model = make_mlp(spec, backend=backend, device=device, seed=config.seed)
    trainer = Trainer(
        model,
        featurize(data.X_train, features),
        data.y_train,
        featurize(data.X_test, features),
        data.y_test,
        optimizer=config.optimizer,
        lr=config.lr,
        batch_size=config.batch_size,
        seed=config.seed,
        max_snapshots=MAX_SNAPSHOTS,
    )
    tile_res = thumbnail_resolution(sum(spec.sizes))
    return Run(
        config=config,
        data=data,
        trainer=trainer,
        big_grid=featurize(grid(BIG_RES, EXTENT)[1], features),
        tile_grid=featurize(grid(tile_res, EXTENT)[1], features),
        tile_res=tile_res,
    )


def thumbnail_resolution(n_tiles: int) -> int:
    """The side of each neuron's thumbnail, so that all of them fit the per-frame budget."""
    side = int(np.sqrt(TILE_PIXELS / n_tiles))
    return min(max(side, TILE_RES[0]), TILE_RES[1])


def train(run: Run, max_epochs: int, budget_s: float) -> int:
    """Train up to max_epochs (at least one) while within budget_s; return the epochs done.

    Overflow inside a diverging step is expected (the trainer detects it and stops), so NumPy's
    warnings about it are silenced here.
    """
    start, trainer = time.perf_counter(), run.trainer
    epoch0 = trainer.epoch
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(max_epochs):
            trainer.step(1)
            if trainer.divergence is not None or time.perf_counter() - start > budget_s:
                break
    return trainer.epoch - epoch0
