"""Training runs for the sequence lab: one model on one task, with its history and snapshots.

`SeqTrainer.step(n)` runs n minibatch steps (fresh seeded sequences each step), then measures
accuracy on a fixed evaluation batch and keeps a snapshot of θ, so that the gate values of any
sequence can be replayed at any point of training (`probe`). `grad_profile` measures the lecture's
vanishing gradient: ‖dJ_T/dh_t‖ for a loss at the last step only, against the distance T−1−t.
`compare_lag` and `lag_sweep` train RNN, LSTM and GRU on remember-a-bit to show where each stops
learning. The backend (NumPy or torch) only changes how a step is computed; θ has one layout, so
probes and profiles always run the NumPy model on a copy of θ and the UI sees NumPy arrays.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from engine.numpy_backend import rnn as np_rnn
from engine.numpy_backend.activations import softmax
from engine.sequences import Task, make_task

MAX_BATCH = 256  # server limit on sequences per minibatch
MAX_SNAPSHOTS = 120  # θ copies kept for the timeline; older ones are thinned out
EVAL_SIZE = 256  # sequences in the fixed evaluation batch


@dataclass(frozen=True)
class SeqConfig:
    """Everything that defines a run; the same config and seed give the same run."""

    task: str = "remember"
    length: int = 10  # T, the lag, or n_max: see engine.sequences
    text: str = ""
    model: str = "LSTM"
    n_h: int = 16
    optimizer: str = "adam"
    lr: float = 0.01
    clip: float = 1.0  # max ‖dθ‖ per step; 0 turns clipping off
    batch: int = 64
    gain: float = 1.0  # scale of the recurrent weights at init
    seed: int = 0
    backend: str = "numpy"
    device: str = "cpu"


def build_model(cfg: SeqConfig, task: Task):
    """The model of `cfg` in its backend (torch is imported only when asked for)."""
    if cfg.model not in np_rnn.MODELS:
        raise ValueError(f"model must be one of {', '.join(np_rnn.MODELS)}; got {cfg.model!r}")
    args = (task.n_in, cfg.n_h, task.n_out)
    if cfg.backend == "numpy":
        return np_rnn.MODELS[cfg.model](*args, seed=cfg.seed, gain=cfg.gain)
    if cfg.backend == "torch":
        from engine.torch_backend import rnn as torch_rnn

        return torch_rnn.MODELS[cfg.model](*args, seed=cfg.seed, gain=cfg.gain, device=cfg.device)
    raise ValueError(f"backend must be 'numpy' or 'torch'; got {cfg.backend!r}")


class SeqTrainer:
    """One training run: model, optimizer, seeded data stream, history and θ snapshots."""

    def __init__(self, cfg: SeqConfig):
        if int(cfg.batch) != cfg.batch or not 1 <= cfg.batch <= MAX_BATCH:
            raise ValueError(f"batch size must be from 1 to {MAX_BATCH}; got {cfg.batch}")
        if not np.isfinite(cfg.clip) or cfg.clip < 0:
            raise ValueError(f"clipping threshold must be ≥ 0 (0 = off); got {cfg.clip}")
        self.cfg = cfg
        self.task = make_task(cfg.task, cfg.length, cfg.text)
        self.model = build_model(cfg, self.task)
        self.opt = self.model.make_optimizer(cfg.optimizer, cfg.lr)
        self.viewer = np_rnn.MODELS[cfg.model](self.task.n_in, cfg.n_h, self.task.n_out)
        self.rng = np.random.default_rng(cfg.seed)
        self.eval_batch = self.task.batch(np.random.default_rng(cfg.seed + 1), EVAL_SIZE)
        self.steps = 0
        self.diverged = False
        self.history = {"step": [], "loss": [], "grad_norm": [], "eval_step": [], "accuracy": []}
        self.snapshots: list[tuple[int, np.ndarray]] = []
        self.evaluate()

    def step(
        self, n: int = 1, max_seconds: float | None = None, stop: Callable[[], bool] | None = None
    ) -> None:
        """n training steps (fewer if max_seconds runs out or stop() turns true), then one
        evaluation and snapshot.

        Stops if the loss blows up. The time limit keeps one live frame short on a shared
        server, whatever the sizes a student picked; stop lets a Pause end a frame at once.
        """
        start = time.perf_counter()
        for k in range(n):
            if self.diverged:
                return
            if max_seconds is not None and k > 0 and time.perf_counter() - start > max_seconds:
                break
            if stop is not None and k > 0 and stop():
                break
            X, Y, mask = self.task.batch(self.rng, self.cfg.batch)
            with np.errstate(over="ignore", invalid="ignore"):  # a blow-up is detected just below
                J, norm = self.model.train_step(X, Y, mask, self.task.loss, self.opt, self.cfg.clip)
            self.steps += 1
            self.diverged = not (np.isfinite(J) and np.isfinite(norm))
            self.history["step"].append(self.steps)
            self.history["loss"].append(J)
            self.history["grad_norm"].append(norm)
        self.evaluate()

    def evaluate(self) -> float:
        """Accuracy (R² for sine) on the fixed evaluation batch; records it and a snapshot of θ."""
        if self.diverged:  # θ is no longer finite: keep the history and snapshots as they were
            return self.accuracy
        X, Y, mask = self.eval_batch
        acc = self.task.accuracy(self.model.predict(X), Y, mask)
        self.history["eval_step"].append(self.steps)
        self.history["accuracy"].append(acc)
        self.snapshots.append((self.steps, self.model.get_theta().astype(np.float32)))
        if len(self.snapshots) > MAX_SNAPSHOTS:  # keep the first and last, thin the middle
            self.snapshots = self.snapshots[:1] + self.snapshots[1:-1][1::2] + self.snapshots[-1:]
        return acc

    def at(self, k: int = -1) -> np_rnn.Recurrent:
        """The NumPy model with θ from snapshot k (default: the latest)."""
        self.viewer.set_theta(self.snapshots[k][1])
        return self.viewer

    def probe(self, inputs: np.ndarray, k: int = -1) -> dict:
        """Every per-step value for one sequence (ids (1, T), or reals (1, T, 1) for sine).

        Returns tokens, the one-hot X (T, n_in), each gate as (n_h, T) (rows units, columns
        time steps), the outputs (n_out, T) (probabilities, or values for sine), Y and mask.
        """
        Y, mask = self.task.label(inputs) if self.task.label else (None, None)
        Z, cache = self.at(k).forward(self.task.one_hot(inputs))
        out = softmax(Z) if self.task.classes else Z
        return {
            "tokens": self.task.tokens(inputs[0]),
            "X": cache["X"][0],
            "gates": {name: cache[name][0].T for name in self.viewer.names},
            "out": out[0].T,
            "Y": None if Y is None else Y[0],
            "mask": None if mask is None else mask[0],
        }

    def example(self, seed: int) -> np.ndarray:
        """One sequence from the task's generator: ids (1, T) or reals (1, T, 1)."""
        return self.task.sample(np.random.default_rng(seed), 1)[0]

    def grad_profile(self, k: int = -1, m: int = 64) -> np.ndarray:
        """Mean ‖dJ_T/dh_t‖ over m evaluation sequences, J_T the loss of the last step only.

        Entry d is d steps from the output (t = T−1−d): BPTT multiplies one Jacobian per step.
        """
        X, Y, _ = self.eval_batch
        X, Y = X[:m], Y[:m]
        mask = np.zeros(X.shape[:2])
        mask[:, -1] = 1
        model = self.at(k)
        Z, cache = model.forward(X)
        _, dZ = np_rnn.sequence_loss(Z, Y, mask, self.task.loss)
        dH = model.backward(dZ, cache)  # (m, T, n_h)
        return np.linalg.norm(dH, axis=-1).mean(axis=0)[::-1]  # (T,) distance 0, 1, ...

    @property
    def accuracy(self) -> float:
        return self.history["accuracy"][-1]


def train(cfg: SeqConfig, steps: int, chunk: int = 25, patience: int = 3) -> SeqTrainer:
    """Train up to `steps` steps; stop early once accuracy ≥ 99% at `patience` checks in a row."""
    trainer = SeqTrainer(cfg)
    while trainer.steps < steps and not trainer.diverged:
        trainer.step(min(chunk, steps - trainer.steps))
        if min(trainer.history["accuracy"][-patience:]) >= 0.99:
            break
    return trainer


def compare_lag(
    cfg: SeqConfig,
    steps: int,
    models=("RNN", "LSTM", "GRU"),
    clips=(0.0, 1.0),
    progress: Callable[[float], None] | None = None,
) -> dict:
    """Train each model on remember-a-bit at cfg.length, with each clipping threshold.

    Returns {model: {clip: {"eval_step", "accuracy", "final", "profile_init", "profile_end"}}}.
    """
    runs = [(name, clip) for name in models for clip in clips]
    results: dict = {name: {} for name in models}
    for done, (name, clip) in enumerate(runs):
        trainer = train(replace(cfg, task="remember", model=name, clip=clip), steps)
        results[name][clip] = {
            "eval_step": list(trainer.history["eval_step"]),
            "accuracy": list(trainer.history["accuracy"]),
            "final": trainer.accuracy,
            "profile_init": trainer.grad_profile(0),
            "profile_end": trainer.grad_profile(-1),
        }
        if progress:
            progress((done + 1) / len(runs))
    return results


def lag_sweep(
    cfg: SeqConfig,
    lags,
    steps: int,
    progress: Callable[[float], None] | None = None,
) -> list[float]:
    """Final remember-a-bit accuracy of cfg.model at each lag: where does it stop learning?"""
    accuracies = []
    for done, lag in enumerate(lags):
        accuracies.append(train(replace(cfg, task="remember", length=lag), steps).accuracy)
        if progress:
            progress((done + 1) / len(lags))
    return accuracies
