"""A page's settings in its URL, so that a link (shared, or a lecture preset) opens the same run.

Each page's own URL settings are remembered per page, so that the sidebar link back to it carries
them; a run learns whether the URL says what to show (`follows_url`: a first visit, a preset) or
the page keeps what the reader set and writes it back (Back and Forward land on older URLs).
Tabs and widgets store stable names in the URL (`tab=ova`, `seq_task=remember`), never a
translated label, so a link opens the same view in either language.
"""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import presenter, text

PAGE_QUERIES = "neurona_page_queries"  # page file -> its own URL settings, as last seen
URL_CHANGED = "neurona_url_changed"  # this run's URL was changed from outside the page
ARRIVED = "neurona_arrived"  # this run is the page's first since a link brought the reader here
FOLLOW_URL = "neurona_follow_url"  # the URL says what this run shows (first visit, a preset)
PRESET_URL = "preset"  # a preset link's mark, removed on arrival
LAST_PAGE = "neurona_last_page"
PRESETS_MENU = "neurona_presets"
TAB_URL = "tab"  # the URL key of a page's open tab, by the tab's stable name
# URL keys that every page carries, whatever its own settings are.
SHARED_QUERY = (text.LANG_KEY_URL, presenter.PRESENT_URL)
# Streamlit deletes the state of a widget that a run did not draw (after a visit to another page);
# "session" keeps it for the whole session instead. ui.common.KEEP is this.
KEEP = {"persist_state": "session"}


def set_query(query: dict[str, str]) -> None:
    """Write a page's settings to the URL, keeping the keys every page shares (the language)."""
    st.session_state.setdefault(PAGE_QUERIES, {})[current_page()] = dict(query)
    query = {**shared_query(), **query}
    if st.query_params.to_dict() != query or arrived():
        st.query_params.from_dict(query)


def in_app() -> bool:
    """True when the page runs inside the app (app.py's navigation), not alone in a test."""
    ctx = get_script_run_ctx()
    return ctx is not None and Path(ctx.main_script_path).name == "app.py"


def current_page() -> str:
    """The running page's file, relative to the app's folder (a key of PAGES)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return "app.py"
    info = ctx.pages_manager.get_pages().get(ctx.page_script_hash)
    script = Path(info["script_path"] if info else ctx.main_script_path)
    return script.relative_to(Path(ctx.main_script_path).parent).as_posix()


def own_query() -> dict[str, str]:
    """The URL's settings that belong to this page (not the language or presenter flag)."""
    return {k: v for k, v in st.query_params.to_dict().items() if k not in SHARED_QUERY}


def remember_page_query() -> None:
    """Each page's own URL settings as last seen, so that a link back to it carries them.

    The URL says what a page shows on its first visit in the session (a shared link) and when a
    preset was clicked (url_changed); otherwise the page keeps what the reader set, whatever the
    URL says: Streamlit pushes a history entry for every change of the query, so Back and Forward
    land on older URLs of the same page (or on none), and the page writes its kept settings back
    over them."""
    queries = st.session_state.setdefault(PAGE_QUERIES, {})
    from_preset = PRESET_URL in st.query_params
    if from_preset:
        del st.query_params[PRESET_URL]
    path, own = current_page(), own_query()
    last = queries.get(path)
    st.session_state[URL_CHANGED] = from_preset
    st.session_state[FOLLOW_URL] = last is None or from_preset
    # A page reached by a link gets its query from the server, not in the browser's address bar:
    # set_query writes it on this run even where the server's copy already matches.
    st.session_state[ARRIVED] = st.session_state.get(LAST_PAGE) != path or url_changed()
    st.session_state[LAST_PAGE] = path
    if own and follows_url():
        queries[path] = own


def url_changed() -> bool:
    """True on the run after a preset link was clicked: the lab loads its settings from the URL."""
    return st.session_state.get(URL_CHANGED, False)


def follows_url() -> bool:
    """True where the URL, not the widgets' last state, says what the page shows: the page's first
    visit in the session, and a preset."""
    return st.session_state.get(FOLLOW_URL, True)


def arrived() -> bool:
    """True on a page's first run since a link brought the reader to it (from another page, a
    preset, Back or Forward): the page writes its settings to the address bar on this run."""
    return st.session_state.get(ARRIVED, True)


def url_tabs(labels: dict[str, str], key: str) -> dict:
    """The page's tabs by their stable names (`labels`: name -> label in the reader's language),
    the open one in the URL as tab=<name>: a link opens the same tab in either language (a tab bar
    bound to the URL would store its translated label). Returns name -> tab container; draw only
    the open one (`tab.open`)."""
    names = {label: name for name, label in labels.items()}
    shown = names.get(st.session_state.get(key))  # None at first, or after a language switch
    linked = st.query_params.get(TAB_URL)  # a malformed one is ignored
    if (shown is None or follows_url()) and linked in labels:
        shown = linked  # a link (a preset, Back, a shared address) names the tab
    shown = shown or next(iter(labels))
    write_own_param(TAB_URL, shown)
    st.session_state[key] = labels[shown]
    tabs = st.tabs(list(labels.values()), key=key, on_change=tab_clicked, args=(key, names))
    return dict(zip(labels, tabs, strict=True))


def tab_clicked(key: str, names: dict[str, str]) -> None:
    write_own_param(TAB_URL, names[st.session_state[key]])


def write_own_param(key: str, value: str) -> None:
    """Set one of this page's URL settings, as the page itself (not a change from outside)."""
    if st.query_params.get(key) != value:
        st.query_params[key] = value
    st.session_state.setdefault(PAGE_QUERIES, {})[current_page()] = own_query()


def presets_menu(presets: list[dict]) -> None:
    """The lecture's scenarios for this page, each a link to this page with its settings in the
    URL (`query`, e.g. "data=xor&hidden=4"): the same link shared with the class opens the same
    run. Inside the app they are page links (same session, the lab reloads from the URL);
    a page run alone gets plain links."""
    if url_changed():  # a preset was just opened: the menu gives the view back
        st.session_state[PRESETS_MENU] = False
    with st.popover(
        text.load("common")["presets"],
        icon=":material/school:",
        key=PRESETS_MENU,
        on_change="rerun",
    ):
        for preset in presets:
            settings = dict(parse_qsl(preset["query"], keep_blank_values=True))
            query = {**shared_query(), **settings, PRESET_URL: "1"}
            if in_app():
                st.page_link(current_page(), label=preset["name"], query_params=query)
            else:
                st.markdown(f"[{preset['name']}](?{urlencode(query)})")


def shared_query() -> dict[str, str]:
    """The URL keys a link to another page carries along (the chosen language)."""
    return {k: st.query_params[k] for k in SHARED_QUERY if k in st.query_params}


# --- widgets whose value lives in the URL --------------------------------------------------------


def bound(widget: Callable, *args, key: str, read: Callable[[str], object], write=str, **kwargs):
    """Draw `widget` (st.selectbox, a column's st.slider, ...) with its value in the URL under its
    key, written by `write` as a stable name (an option's name, never its translated label) and
    read back by `read`, which raises ValueError for anything malformed or out of range. Where the
    URL says what to show (follows_url: a shared link, a preset) its value wins and a key the link
    leaves out goes back to its default; a malformed value is named in a notice and the widget
    keeps its value."""
    if follows_url() and own_query():
        from_link(key, read)
    value = widget(*args, key=key, **KEEP, **kwargs)
    write_own_param(key, write(value))
    return value


def from_link(key: str, read: Callable[[str], object]) -> None:
    linked = st.query_params.get(key)
    if linked is None:
        st.session_state.pop(key, None)
        return
    try:
        st.session_state[key] = read(linked)
    except ValueError:
        st.warning(text.load("common")["bad_link"].format(name=key, value=linked[:40]))


def choice(options: Iterable) -> Callable[[str], object]:
    """The reader for a widget with fixed options: the option written as `raw`."""
    by_name = {str(option): option for option in options}

    def read(raw: str) -> object:
        if raw not in by_name:
            raise ValueError(raw)
        return by_name[raw]

    return read


def number(low: float, high: float, kind: type = float) -> Callable[[str], float]:
    """The reader for a number in [low, high] (`kind` int: a whole number)."""

    def read(raw: str) -> float:
        value = float(raw)
        if not math.isfinite(value) or not low <= value <= high or kind(value) != value:
            raise ValueError(raw)
        return kind(value)

    return read


def flag(raw: str) -> bool:
    """The reader for a checkbox or toggle, written by write_flag."""
    if raw not in ("true", "false"):
        raise ValueError(raw)
    return raw == "true"


def write_flag(value: bool) -> str:
    return "true" if value else "false"


def words(limit: int) -> Callable[[str], str]:
    """The reader for typed text of at most `limit` characters."""

    def read(raw: str) -> str:
        if len(raw) > limit:
            raise ValueError(raw)
        return raw

    return read


def several(options: Iterable) -> Callable[[str], list]:
    """The reader for a multi-choice widget (pills), written by write_several."""
    one = choice(options)
    return lambda raw: [one(part) for part in raw.split(",") if part]


def write_several(values: Iterable) -> str:
    return ",".join(map(str, values))


@dataclass(frozen=True)
class UrlConfig:
    """A lab's configuration in one session key and in the URL (the Workshops, GAN and Problems
    labs): on a session's first run, and when a link changed the URL (a preset), `load` fills
    the widgets from the URL; each run builds the configuration from what its widgets returned
    and `remember`s it, which writes it back to the URL. A value a link got wrong is replaced by
    its default and named in a notice (`show_notices`)."""

    prefix: str  # the lab's widget keys start with it: "ws", "gan", "pb"
    from_query: Callable[[dict], tuple[Any, list[str]]]  # -> (config, the keys it replaced)
    to_query: Callable[[Any], dict[str, str]]
    widget_values: Callable[[Any, dict], dict[str, object]]  # (config, texts) -> widget values
    default: Any

    @property
    def key(self) -> str:
        return f"{self.prefix}_config"

    def load(self, T: dict) -> None:
        tab = f"{self.prefix}_tab"  # a tabbed lab's tab widget holds the tab's translated label
        if self.key in st.session_state and not url_changed():
            if "tabs" in T and st.session_state.get(tab) not in T["tabs"].values():
                st.session_state[tab] = T["tabs"][self.config().tab]  # the language changed
            return
        cfg, problems = self.from_query(st.query_params.to_dict())
        st.session_state.update(self.widget_values(cfg, T))
        st.session_state[self.key] = cfg
        if problems:
            notice = T["url_notice"].format(keys=", ".join(problems))
            st.session_state[f"{self.prefix}_notices"] = [notice]

    def config(self) -> Any:
        return st.session_state.get(self.key, self.default)

    def remember(self, cfg: Any) -> None:
        st.session_state[self.key] = cfg
        set_query(self.to_query(cfg))

    def show_notices(self) -> None:
        for notice in st.session_state.pop(f"{self.prefix}_notices", []):
            st.warning(notice)
