"""The network part of the loss-surface lab: train an MLP here (or borrow the Playground's), slice
its surface around the current weights, and say how much of the training path the slice explains."""

from dataclasses import dataclass

import streamlit as st

from engine import landscape as ls
from engine.backends import make_mlp
from engine.datasets import BINARY, REGRESSION, DataSpec, featurize, make_dataset
from engine.spec import HIDDEN_ACTIVATIONS, MLPSpec
from engine.trainer import Trainer
from ui import common
from ui.common import KEEP, engine_picker
from ui.loss_surface.slice_view import draw

RATES = (0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)  # the Playground's α choices
RUN_KEY, PLAYGROUND_KEY = "ls_net_run", "playground_run"
FIRST_EPOCHS, EPOCHS_PER_TICK, TICK_S = 100, 2, 0.4


@dataclass(frozen=True)
class NetConfig:
    """This page's network: the Playground's defaults unless changed."""

    dataset: str = "circle"
    noise: float = 0.0
    hidden: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    lr: float = 0.03
    batch_size: int = 10
    seed: int = 0
    backend: str = "numpy"
    device: str = "cpu"

    def spec(self) -> MLPSpec:
        """Two inputs (x1, x2); a tanh output with ½·MSE for classes (±1 targets, as the
        Playground), a linear output for regression."""
        output = "linear" if self.dataset in REGRESSION else "tanh"
        return MLPSpec(2, self.hidden, 1, self.activation, output, "half_mse")


@dataclass(frozen=True)
class SliceConfig:
    directions: str = "pca"  # "pca" or "random" (filter-normalized)
    seed: int = 0
    radius: float = 1.0
    resolution: int = 51


@dataclass
class NetRun:
    """The session's network run (kept in st.session_state[RUN_KEY])."""

    config: NetConfig
    trainer: Trainer
    running: bool = False


def parse_hidden(text: str, T: dict) -> tuple[int, ...]:
    try:
        hidden = tuple(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        raise ValueError(T["msg"]["bad_hidden"].format(text=text)) from None
    if any(not 1 <= n <= 8 for n in hidden) or len(hidden) > 6:
        raise ValueError(T["msg"]["bad_hidden"].format(text=text))
    return hidden


def playground_run():
    """The Playground's run, when that page left one with a trainer and a config."""
    run = st.session_state.get(PLAYGROUND_KEY)
    return run if hasattr(run, "trainer") and hasattr(run, "config") else None


def sidebar(T: dict) -> tuple[str, NetConfig, SliceConfig]:
    """The network and slice settings; returns (source, network config, slice config)."""
    N, sb = T["net"], st.sidebar
    sb.header(N["header"])
    sources = ["here", "playground"] if playground_run() is not None else ["here"]
    source = sb.radio(N["source"], sources, format_func=N["sources"].get, key="ls_source", **KEEP)
    dataset = sb.selectbox(
        N["dataset"],
        BINARY + REGRESSION,
        format_func=N["datasets"].get,
        key="ls_dataset",
        **common.KEEP,
    )
    noise = sb.slider(N["noise"], 0.0, 0.5, 0.0, 0.05, key="ls_net_noise", **common.KEEP)
    hidden = sb.text_input(
        N["hidden"], "4, 2", key="ls_hidden", help=N["hidden_help"], **common.KEEP
    )
    activation = sb.selectbox(
        N["activation"],
        HIDDEN_ACTIVATIONS,
        index=1,
        format_func=N["activations"].get,
        key="ls_act",
        **common.KEEP,
    )
    lr = sb.select_slider(N["lr"], RATES, 0.03, key="ls_net_lr", **common.KEEP)
    batch = sb.slider(N["batch"], 1, 30, 10, key="ls_net_batch", **common.KEEP)
    seed = sb.number_input(N["seed"], 0, 9999, 0, key="ls_net_seed", **common.KEEP)
    backend, device = engine_picker("ls_engine")
    sb.header(N["slice_header"])
    directions = sb.radio(
        N["directions"],
        ["pca", "random"],
        format_func=N["direction_names"].get,
        key="ls_dirs",
        help=N["directions_help"],
        **common.KEEP,
    )
    dir_seed = sb.number_input(N["dir_seed"], 0, 9999, 0, key="ls_dir_seed", **common.KEEP)
    radius = sb.slider(
        N["radius"],
        0.1,
        3.0,
        1.0,
        0.1,
        key="ls_radius",
        help=N["radius_help"],
        disabled=directions == "pca",
        **common.KEEP,
    )
    resolution = sb.slider(
        N["resolution"], 11, ls.MAX_SLICE_RESOLUTION, 51, 10, key="ls_res", **common.KEEP
    )
    config = NetConfig(
        dataset, noise, parse_hidden(hidden, T), activation, lr, batch, int(seed), backend, device
    )
    return source, config, SliceConfig(directions, int(dir_seed), radius, resolution)


def current_run(config: NetConfig) -> NetRun:
    """The session's run for this config: a new one (trained FIRST_EPOCHS) when settings change."""
    run = st.session_state.get(RUN_KEY)
    if run is None or run.config != config:
        data = make_dataset(DataSpec(config.dataset, noise=config.noise, seed=config.seed))
        X_train, X_test = (
            featurize(data.X_train, ("x1", "x2")),
            featurize(data.X_test, ("x1", "x2")),
        )
        model = make_mlp(config.spec(), config.backend, config.device, seed=config.seed)
        trainer = Trainer(
            model,
            X_train,
            data.y_train,
            X_test,
            data.y_test,
            lr=config.lr,
            batch_size=config.batch_size,
            seed=config.seed,
        )
        trainer.step(FIRST_EPOCHS)
        run = st.session_state[RUN_KEY] = NetRun(config, trainer)
    return run


def train(epochs: int) -> None:
    with common.one_run_at_a_time():
        st.session_state[RUN_KEY].trainer.step(epochs)


def set_running(running: bool) -> None:
    """Play or Pause. Setting (not flipping) the flag keeps a click that is handled twice (in a
    fragment run, then in the full rerun it asks for) from undoing itself."""
    st.session_state[RUN_KEY].running = running


def reset() -> None:
    st.session_state.pop(RUN_KEY, None)


def controls(T: dict, run: NetRun) -> None:
    """Train and Reset for this page's network (Play/Pause lives in the live panel)."""
    N = T["net"]
    c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
    epochs = c1.slider(N["epochs"], 1, 500, 50, key="ls_epochs", **common.KEEP)
    c2.button(
        N["train"].format(n=epochs),
        key="ls_train",
        on_click=train,
        args=(epochs,),
        disabled=run.running,
    )
    c3.button(N["reset"], key="ls_reset", on_click=reset)


def section(T: dict, source: str, config: NetConfig, slice_config: SliceConfig) -> None:
    """The network slice: controls, then the live panel."""
    st.markdown(T["net"]["lead"])
    borrowed = source == "playground"
    if borrowed:
        st.info(T["net"]["borrowed"])
        run = NetRun(None, playground_run().trainer)  # read-only: never trained here
    else:
        run = current_run(config)
        controls(T, run)
    drawn_running = run.running

    @st.fragment(run_every=TICK_S if drawn_running else None)
    def live() -> None:
        if run.running != drawn_running:  # Play/Pause was clicked: restart or stop the timer
            st.rerun()
        if not borrowed:
            # Inside the fragment, so that a click and a tick are never two racing reruns.
            label = T["net"]["pause"] if run.running else T["net"]["play"]
            st.button(
                label, key="ls_play", on_click=set_running, args=(not run.running,), type="primary"
            )
        with common.one_run_at_a_time():
            if run.running:
                run.trainer.step(EPOCHS_PER_TICK)
            if run.trainer.divergence is not None:
                if run.running:
                    run.running = False
                    st.rerun()
                st.warning(T["msg"]["net_diverged"].format(epoch=run.trainer.divergence.epoch))
            draw(T, run.trainer, slice_config, run.running)

    live()
