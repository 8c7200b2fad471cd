"""Sequence lab benchmark: one JSON line with step times and the lag-20 remember-a-bit comparison.

lstm_step_ms_numpy / lstm_step_ms_torch_cpu   ms per training step of the page's default run
                                               (LSTM on remember-a-bit, SeqConfig defaults)
lstm_lag20_accuracy / rnn_lag20_accuracy / gru_lag20_accuracy
                                               final accuracy at lag 20 (chance is 0.5)
rnn_lag_sweep                                  the plain RNN's final accuracy at each lag
"""

import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

# The repository root first: benchmarks/engine.py would otherwise shadow the engine package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.seq_trainer import SeqConfig, SeqTrainer, compare_lag, lag_sweep

STEPS_TIMED = 200
LAG20_STEPS = 1500  # upper bound; a run stops early once it is solved
SWEEP_LAGS = (4, 8, 12, 16, 20)


def step_ms(cfg: SeqConfig, chunks: int = 5) -> float:
    """Median milliseconds per training step (fresh batch, forward, BPTT, clipping, Adam) over
    `chunks` chunks, timed through SeqTrainer.step like the page's frames (one evaluation per
    chunk included). The median keeps a busy shared machine's spikes out of the figure."""
    trainer = SeqTrainer(cfg)
    trainer.step(10)  # warm up
    times = []
    for _ in range(chunks):
        start = time.perf_counter()
        trainer.step(STEPS_TIMED // chunks)
        times.append(1000 * (time.perf_counter() - start) / (STEPS_TIMED // chunks))
    return statistics.median(times)


def main() -> None:
    import torch

    torch.set_num_threads(1)
    cfg = SeqConfig()
    result = {
        "lstm_step_ms_numpy": round(step_ms(cfg), 3),
        "lstm_step_ms_torch_cpu": round(step_ms(replace(cfg, backend="torch")), 3),
    }
    start = time.perf_counter()
    lag20 = compare_lag(replace(cfg, length=20), LAG20_STEPS, clips=(cfg.clip,))
    for name in ("LSTM", "RNN", "GRU"):
        result[f"{name.lower()}_lag20_accuracy"] = round(lag20[name][cfg.clip]["final"], 4)
        result[f"{name.lower()}_lag20_steps"] = lag20[name][cfg.clip]["eval_step"][-1]
    sweep = lag_sweep(replace(cfg, model="RNN"), SWEEP_LAGS, LAG20_STEPS)
    result["rnn_lag_sweep"] = {
        lag: round(acc, 3) for lag, acc in zip(SWEEP_LAGS, sweep, strict=True)
    }
    result["comparison_s"] = round(time.perf_counter() - start, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
