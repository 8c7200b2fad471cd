"""Speed of the neuron and backprop lab's hot paths; prints ONE JSON line.

    tick_ms:            one Play tick of the stepper: next step + diagram + loss chart, as JSON
    trace_ms:           one engine forward + backward on the XOR net turned into the 12 steps
    gradient_check_ms:  centered differences on all 21 parameters of the XOR net
    init_comparison_s:  the five 6x16 tanh networks of the init tab, 100 epochs each
    gradient_norms_ms:  one 10-layer network's per-layer ‖dW‖ at its initial weights

Run: python benchmarks/backprop.py
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere, no install

from engine import backprop_steps as bs
from engine import depth
from engine.datasets import DataSpec, make_dataset
from engine.spec import MLPSpec
from ui import text
from ui.backprop import figures, stepper


def best_of(fn, repeats: int = 5) -> float:
    """The fastest of a few runs, in seconds (the machine is shared)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def tick(S: dict, s: bs.XorStepper) -> None:
    s.next()
    stepper.diagram(S, s, 0).to_json()
    figures.loss_history(s.losses, s.epoch, "J", "epoch", "J").to_json()


def main() -> None:
    S = text.load("backprop")["stepper"]
    s = bs.XorStepper()
    data = make_dataset(DataSpec(name="circle", n_points=300, seed=0))

    def init_comparison() -> None:
        for init in depth.COMPARED_INITS:
            spec = MLPSpec(n_in=2, hidden=(16,) * 6, n_out=1, activation="tanh", init=init)
            depth.train(spec, data, 100, 0.03)

    norms_spec = depth.deep_spec("sigmoid", "xavier", 10)
    result = {
        "benchmark": "backprop",
        "tick_ms": round(1000 * best_of(lambda: tick(S, s), 12), 2),
        "trace_ms": round(1000 * best_of(lambda: bs.trace(s.model, s.X, s.Y, s.lr), 20), 3),
        "gradient_check_ms": round(1000 * best_of(lambda: bs.gradient_check(s.model, s.X, s.Y)), 2),
        "init_comparison_s": round(best_of(init_comparison, 2), 2),
        "gradient_norms_ms": round(
            1000 * best_of(lambda: depth.gradient_norms(norms_spec, data.X_train, data.y_train)),
            2,
        ),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
