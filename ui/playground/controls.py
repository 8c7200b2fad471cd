"""The Playground's settings: sidebar widgets grouped as the lecture groups them, bound to the URL.

Widgets keep their values under "pg_*" keys for the whole session (`common.KEEP`: Streamlit would
delete them after a visit to another page). On a session's first run their values come from the
URL (`config.from_query`). Each run builds the configuration from the values the widget calls
returned on that run, never from st.session_state: a widget this run did not draw (λ when there
is no regularization) keeps the last configuration's value. The configuration is then written back
to the URL, so reloading the page or opening a shared link gives the same run. `widget_values`
and `config_from_widgets` translate between the two and need no Streamlit.
"""

from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import streamlit as st

from engine import datasets
from engine.spec import HIDDEN_ACTIVATIONS, INITS, REGULARIZERS
from ui import common, links, numbers
from ui.playground import config as cf

CONFIG = "pg_config"  # the last valid configuration
NOTICES = "pg_notices"  # messages to show once, at the top of the page
DEFAULT_WIDTH = 4
Values = dict[str, object]  # widget key -> the value its call returned on this run


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


def config_from_widgets(
    drawn: Mapping[str, object], base: cf.PlaygroundConfig = cf.DEFAULT
) -> cf.PlaygroundConfig:
    """The configuration the widget values describe (the inverse of `widget_values`); a widget not
    drawn on this run keeps `base`'s value."""
    state = {**widget_values(base), **drawn}
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


def load_url(T: dict) -> None:
    """On a session's first run, and when a link changed the URL (a preset): fill the widgets from
    the URL, noting what had to be replaced."""
    if CONFIG in st.session_state and not links.url_changed():
        return
    cfg, problems = cf.from_query(st.query_params.to_dict())
    notices = []
    if problems:
        notices.append(T["notices"]["url"].format(keys=", ".join(problems)))
    if cfg.engine not in common.available_engines():
        cfg = replace(cfg, engine="numpy")
        notices.append(T["notices"]["engine"])
    st.session_state.update(widget_values(cfg))
    st.session_state[CONFIG] = cfg
    st.session_state[NOTICES] = notices


def last_config() -> cf.PlaygroundConfig:
    return st.session_state.get(CONFIG, cf.DEFAULT)


def remember(cfg: cf.PlaygroundConfig) -> None:
    """Keep `cfg` as the session's configuration and write it to the URL."""
    st.session_state[CONFIG] = cfg
    links.set_query(cf.to_query(cfg))


def sidebar(T: dict) -> cf.PlaygroundConfig:
    """Every setting of the run, in four groups; returns the configuration they show."""
    drawn: Values = {}
    with st.sidebar:
        data_controls(T, drawn)
        st.header(T["sidebar"]["features"])
        feature_pills(T, drawn)
        network_controls(T, drawn)
        training_controls(T, drawn)
    return config_from_widgets(drawn, last_config())


def labelled(names: dict) -> dict:
    """selectbox keyword arguments for options shown by their label."""
    return {"options": list(names), "format_func": names.__getitem__}


def data_controls(T: dict, drawn: Values) -> None:
    t, keep = T["data"], common.KEEP
    st.header(T["sidebar"]["data"])
    drawn["pg_dataset"] = dataset = st.selectbox(
        t["dataset"], key="pg_dataset", help=t["dataset_help"], **labelled(t["names"]), **keep
    )
    task = datasets.DataSpec(name=dataset).task
    drawn["pg_noise"] = st.slider(t["noise"], 0, 50, key="pg_noise", help=t["noise_help"], **keep)
    drawn["pg_train"] = st.slider(
        t["train_ratio"], 10, 90, key="pg_train", help=t["train_ratio_help"], **keep
    )
    if task != "regression":
        drawn["pg_balance"] = st.slider(
            t["balance"], 5, 100, key="pg_balance", help=t["balance_help"], **keep
        )
    if task == "multiclass":
        drawn["pg_classes"] = st.slider(
            t["n_classes"], 3, datasets.MAX_CLASSES, key="pg_classes", **keep
        )
    drawn["pg_points"] = st.select_slider(t["n_points"], cf.POINTS, key="pg_points", **keep)
    seed, regenerate = st.columns(2, vertical_alignment="bottom")
    drawn["pg_seed"] = seed.number_input(
        t["seed"], 0, cf.MAX_SEED, key="pg_seed", help=t["seed_help"], **keep
    )
    regenerate.button(
        t["regenerate"], key="pg_new_data", help=t["regenerate_help"], on_click=next_seed
    )


def next_seed() -> None:
    st.session_state["pg_seed"] = (st.session_state["pg_seed"] + 1) % (cf.MAX_SEED + 1)


def feature_pills(T: dict, drawn: Values) -> None:
    t = T["features"]
    drawn["pg_features"] = st.pills(
        t["label"],
        selection_mode="multi",
        key="pg_features",
        help=t["help"],
        on_change=keep_one_feature,
        args=(t["empty"],),
        **labelled(t["names"]),
        **common.KEEP,
    ) or list(last_config().features)


def keep_one_feature(message: str) -> None:
    """An empty selection cannot feed a network: put the last one back and say why."""
    if not st.session_state["pg_features"]:
        st.session_state["pg_features"] = list(st.session_state[CONFIG].features)
        st.toast(message)


def network_controls(T: dict, drawn: Values) -> None:
    t, keep = T["network"], common.KEEP
    st.header(T["sidebar"]["network"])
    drawn["pg_layers"] = layers = st.number_input(
        t["layers"], 0, cf.MAX_HIDDEN_LAYERS, key="pg_layers", help=t["layers_help"], **keep
    )
    columns = st.columns(2)
    for i in range(layers):
        key = f"pg_width_{i}"
        st.session_state.setdefault(key, st.session_state.get(f"pg_width_{i - 1}", DEFAULT_WIDTH))
        drawn[key] = columns[i % 2].number_input(
            t["width"].format(layer=i + 1),
            1,
            cf.MAX_WIDTH,
            key=key,
            help=t["width_help"].format(layer=i + 1),
            **common.KEEP,
        )
    drawn["pg_activation"] = st.selectbox(
        t["activation"],
        key="pg_activation",
        help=t["activation_help"],
        **labelled({a: t["activations"][a] for a in HIDDEN_ACTIVATIONS}),
        **keep,
    )
    task = datasets.DataSpec(name=drawn["pg_dataset"]).task
    heads = {h: t["heads"][h] for h in cf.HEADS[task]}
    if st.session_state.get("pg_head") not in heads:  # set before the widget is drawn
        st.session_state["pg_head"] = next(iter(heads))
    drawn["pg_head"] = st.selectbox(
        t["head"], key="pg_head", help=t["head_help"], **labelled(heads), **keep
    )
    drawn["pg_init"] = st.selectbox(
        t["init"],
        key="pg_init",
        help=t["init_help"],
        **labelled({i: t["inits"][i] for i in INITS}),
        **keep,
    )


def training_controls(T: dict, drawn: Values) -> None:
    t, keep = T["training"], common.KEEP
    st.header(T["sidebar"]["training"])
    drawn["pg_lr"] = typed_number(t["lr"], "lr", cf.LEARNING_RATES, t["lr_help"], t["lr_invalid"])
    drawn["pg_reg"] = reg = st.selectbox(
        t["reg"],
        key="pg_reg",
        help=t["reg_help"],
        **labelled({r: t["regs"][r] for r in REGULARIZERS}),
        **keep,
    )
    if reg != "none":
        drawn["pg_lam"] = typed_number(
            t["lam"], "lam", cf.REG_RATES, t["lam_help"], t["lam_invalid"]
        )
    drawn["pg_batch"] = st.slider(
        t["batch"], 1, cf.MAX_BATCH, key="pg_batch", help=t["batch_help"], **keep
    )
    drawn["pg_optimizer"] = st.selectbox(
        t["optimizer"],
        key="pg_optimizer",
        **labelled({o: t["optimizers"][o] for o in cf.OPTIMIZERS}),
        **keep,
    )
    drawn["pg_engine"] = st.radio(
        common.words()["engine_label"],
        common.available_engines(),
        key="pg_engine",
        help=common.words()["engine_help"],
        format_func=common.engine_label,
        **keep,
    )


TYPED = {"lr": "pg_lr", "lam": "pg_lam"}  # config field -> its widget


def typed_number(label: str, field: str, choices, help_text: str, invalid: str) -> str:
    """A selectbox of the usual values that also takes a typed number, in the reader's locale
    (0,5 in Spanish), checked as a URL value is; returns the value as the URL writes it."""
    key = TYPED[field]
    current = number_text(getattr(last_config(), field))
    options = sorted({*map(number_text, choices), current}, key=float_or_inf)
    return st.selectbox(
        label,
        options,
        key=key,
        help=help_text,
        format_func=shown_number,
        accept_new_options=True,
        on_change=check_typed_number,
        args=(field, invalid),
        **common.KEEP,
    )


def shown_number(option: str) -> str:
    """A canonical option ('0.03') as the reader writes it ('0,03' in Spanish)."""
    try:
        return numbers.fmt(float(option), 6)
    except ValueError:
        return option


def float_or_inf(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("inf")


def check_typed_number(field: str, invalid: str) -> None:
    """A typed value that is not a number in range goes back to the last valid one, with a note.
    The typed text is read in the reader's locale; the widget keeps the canonical form."""
    key, parse = TYPED[field], cf.FIELDS[field][1]
    typed = str(st.session_state.get(key, ""))
    try:
        value = float(typed) if is_canonical(typed) else numbers.parse(typed)
        st.session_state[key] = number_text(parse(repr(value)))
    except ValueError:  # malformed, or out of range (OutOfRangeError)
        st.session_state[key] = number_text(getattr(last_config(), field))
        st.toast(invalid.format(value=typed))


def is_canonical(typed: str) -> bool:
    """True for a value as the list writes it ('0.03', picked rather than typed)."""
    try:
        return number_text(float(typed)) == typed
    except ValueError:
        return False
