"""The Playground's settings: sidebar widgets grouped as the lecture groups them, bound to the URL.

Widgets keep their values in st.session_state under "pg_*" keys. On a session's first run those
values come from the URL (`config.from_query`), and after every run the configuration they describe
is written back to the URL, so reloading the page or opening a shared link gives the same run.
`widget_values` and `config_from_widgets` translate between the two and need no Streamlit.
"""

from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import streamlit as st

from engine import datasets
from engine.spec import HIDDEN_ACTIVATIONS, INITS, REGULARIZERS
from ui import common
from ui.playground import config as cf

CONFIG = "pg_config"  # the last valid configuration
NOTICES = "pg_notices"  # messages to show once, at the top of the page
DEFAULT_WIDTH = 4
KEEP = {"persist_state": "session"}  # a widget hidden for now keeps its value (e.g. λ, balance)


def number_text(x: float) -> str:
    """0.00001 rather than 1e-05, as the learning-rate list shows it."""
    return np.format_float_positional(x, trim="-")


def widget_values(cfg: cf.PlaygroundConfig) -> dict[str, object]:
    """The widget states that show `cfg`."""
    values = {
        "pg_dataset": cfg.dataset,
        "pg_noise": round(cfg.noise * 100),
        "pg_train": round(cfg.train_ratio * 100),
        "pg_balance": round(cfg.balance * 100),
        "pg_points": cfg.n_points,
        "pg_classes": cfg.n_classes,
        "pg_seed": cfg.seed,
        "pg_features": list(cfg.features),
        "pg_layers": len(cfg.hidden),
        "pg_activation": cfg.activation,
        "pg_head": cfg.head,
        "pg_lr": number_text(cfg.lr),
        "pg_reg": cfg.reg,
        "pg_lam": number_text(cfg.lam),
        "pg_batch": cfg.batch_size,
        "pg_optimizer": cfg.optimizer,
        "pg_init": cfg.init,
        "pg_engine": cfg.engine,
        "pg_speed": cfg.speed,
        "pg_show_test": cfg.show_test,
        "pg_discretize": cfg.discretize,
    }
    values.update({f"pg_width_{i}": width for i, width in enumerate(cfg.hidden)})
    return values


def config_from_widgets(state: Mapping[str, object]) -> cf.PlaygroundConfig:
    """The configuration the widget states describe (the inverse of `widget_values`)."""
    layers = int(state["pg_layers"])
    return cf.PlaygroundConfig(
        dataset=state["pg_dataset"],
        noise=state["pg_noise"] / 100,
        train_ratio=state["pg_train"] / 100,
        balance=state["pg_balance"] / 100,
        n_points=int(state["pg_points"]),
        n_classes=int(state["pg_classes"]),
        seed=int(state["pg_seed"]),
        features=tuple(f for f in cf.FEATURES if f in state["pg_features"]),
        hidden=tuple(int(state.get(f"pg_width_{i}", DEFAULT_WIDTH)) for i in range(layers)),
        activation=state["pg_activation"],
        head=state["pg_head"],
        lr=float(state["pg_lr"]),
        reg=state["pg_reg"],
        lam=float(state["pg_lam"]),
        batch_size=int(state["pg_batch"]),
        optimizer=state["pg_optimizer"],
        init=state["pg_init"],
        engine=state["pg_engine"],
        speed=int(state["pg_speed"]),
        show_test=bool(state["pg_show_test"]),
        discretize=bool(state["pg_discretize"]),
    ).normalized()


def available_engines() -> list[str]:
    """The engines this server runs (NumPy always; torch on the CPU and GPU when present)."""
    names = {
        ("numpy", "cpu"): "numpy",
        ("torch", "cpu"): "torch-cpu",
        ("torch", "cuda"): "torch-cuda",
    }
    return [names[backend] for backend in common.engine_options().values()]


def load_url(T: dict) -> None:
    """On a session's first run: fill the widgets from the URL, noting what had to be replaced."""
    if CONFIG in st.session_state:
        return
    cfg, problems = cf.from_query(st.query_params.to_dict())
    notices = []
    if problems:
        notices.append(T["notices"]["url"].format(keys=", ".join(problems)))
    if cfg.engine not in available_engines():
        cfg = replace(cfg, engine="numpy")
        notices.append(T["notices"]["engine"])
    st.session_state.update(widget_values(cfg))
    st.session_state[CONFIG] = cfg
    st.session_state[NOTICES] = notices


def current_config() -> cf.PlaygroundConfig:
    """The configuration the widgets now show; it is also written to the URL."""
    cfg = config_from_widgets(st.session_state)
    st.session_state[CONFIG] = cfg
    query = cf.to_query(cfg)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    return cfg


def sidebar(T: dict) -> None:
    """Every setting of the run, in four groups."""
    with st.sidebar:
        data_controls(T)
        st.header(T["sidebar"]["features"])
        feature_pills(T)
        network_controls(T)
        training_controls(T)


def labelled(names: dict) -> dict:
    """selectbox keyword arguments for options shown by their label."""
    return {"options": list(names), "format_func": names.__getitem__}


def data_controls(T: dict) -> None:
    t = T["data"]
    st.header(T["sidebar"]["data"])
    st.selectbox(t["dataset"], key="pg_dataset", help=t["dataset_help"], **labelled(t["names"]))
    task = datasets.DataSpec(name=st.session_state["pg_dataset"]).task
    st.slider(t["noise"], 0, 50, key="pg_noise", help=t["noise_help"])
    st.slider(t["train_ratio"], 10, 90, key="pg_train", help=t["train_ratio_help"])
    if task != "regression":
        st.slider(t["balance"], 5, 100, key="pg_balance", help=t["balance_help"], **KEEP)
    if task == "multiclass":
        st.slider(t["n_classes"], 3, datasets.MAX_CLASSES, key="pg_classes", **KEEP)
    st.select_slider(t["n_points"], cf.POINTS, key="pg_points")
    seed, regenerate = st.columns(2, vertical_alignment="bottom")
    seed.number_input(t["seed"], 0, cf.MAX_SEED, key="pg_seed", help=t["seed_help"])
    regenerate.button(
        t["regenerate"], key="pg_new_data", help=t["regenerate_help"], on_click=next_seed
    )


def next_seed() -> None:
    st.session_state["pg_seed"] = (st.session_state["pg_seed"] + 1) % (cf.MAX_SEED + 1)


def feature_pills(T: dict) -> None:
    t = T["features"]
    st.pills(
        t["label"],
        selection_mode="multi",
        key="pg_features",
        help=t["help"],
        on_change=keep_one_feature,
        args=(t["empty"],),
        **labelled(t["names"]),
    )


def keep_one_feature(message: str) -> None:
    """An empty selection cannot feed a network: put the last one back and say why."""
    if not st.session_state["pg_features"]:
        st.session_state["pg_features"] = list(st.session_state[CONFIG].features)
        st.toast(message)


def network_controls(T: dict) -> None:
    t = T["network"]
    st.header(T["sidebar"]["network"])
    layers = st.number_input(
        t["layers"], 0, cf.MAX_HIDDEN_LAYERS, key="pg_layers", help=t["layers_help"]
    )
    columns = st.columns(2)
    for i in range(layers):
        key = f"pg_width_{i}"
        st.session_state.setdefault(key, st.session_state.get(f"pg_width_{i - 1}", DEFAULT_WIDTH))
        columns[i % 2].number_input(
            t["width"].format(layer=i + 1),
            1,
            cf.MAX_WIDTH,
            key=key,
            help=t["width_help"].format(layer=i + 1),
            **KEEP,
        )
    st.selectbox(
        t["activation"],
        key="pg_activation",
        help=t["activation_help"],
        **labelled({a: t["activations"][a] for a in HIDDEN_ACTIVATIONS}),
    )
    task = datasets.DataSpec(name=st.session_state["pg_dataset"]).task
    heads = {h: t["heads"][h] for h in cf.HEADS[task]}
    if st.session_state["pg_head"] not in heads:
        st.session_state["pg_head"] = next(iter(heads))
    st.selectbox(t["head"], key="pg_head", help=t["head_help"], **labelled(heads))
    st.selectbox(
        t["init"], key="pg_init", help=t["init_help"], **labelled({i: t["inits"][i] for i in INITS})
    )


def training_controls(T: dict) -> None:
    t = T["training"]
    st.header(T["sidebar"]["training"])
    typed_number(t["lr"], "lr", cf.LEARNING_RATES, t["lr_help"], t["lr_invalid"])
    st.selectbox(
        t["reg"],
        key="pg_reg",
        help=t["reg_help"],
        **labelled({r: t["regs"][r] for r in REGULARIZERS}),
    )
    if st.session_state["pg_reg"] != "none":
        typed_number(t["lam"], "lam", cf.REG_RATES, t["lam_help"], t["lam_invalid"])
    st.slider(t["batch"], 1, cf.MAX_BATCH, key="pg_batch", help=t["batch_help"])
    st.selectbox(
        t["optimizer"],
        key="pg_optimizer",
        **labelled({o: t["optimizers"][o] for o in cf.OPTIMIZERS}),
    )
    engines = available_engines()
    labels = {name: label for label, name in zip(common.engine_options(), engines, strict=True)}
    st.radio(
        common.COMMON["engine_label"],
        key="pg_engine",
        help=common.COMMON["engine_help"],
        **labelled(labels),
    )


TYPED = {"lr": "pg_lr", "lam": "pg_lam"}  # config field -> its widget


def typed_number(label: str, field: str, choices, help_text: str, invalid: str) -> None:
    """A selectbox of the usual values that also takes a typed number (checked as in a URL)."""
    key = TYPED[field]
    options = sorted({*map(number_text, choices), st.session_state[key]}, key=float_or_inf)
    st.selectbox(
        label,
        options,
        key=key,
        help=help_text,
        accept_new_options=True,
        on_change=check_typed_number,
        args=(field, invalid),
        **KEEP,
    )


def float_or_inf(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("inf")


def check_typed_number(field: str, invalid: str) -> None:
    """A typed value that is not a number in range goes back to the last valid one, with a note."""
    key, parse = TYPED[field], cf.FIELDS[field][1]
    text = st.session_state[key]
    try:
        st.session_state[key] = number_text(parse(str(text).strip()))
    except ValueError:  # malformed or out of range (OutOfRangeError)
        st.session_state[key] = number_text(getattr(st.session_state[CONFIG], field))
        st.toast(invalid.format(value=text))
