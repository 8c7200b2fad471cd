"""For the classroom: presenter mode (present=1), keyboard shortcuts and the share-by-QR dialog.

Presenter mode hides the sidebar and Streamlit's header toolbar and enlarges the type, so a lab's
live view fills a 1280x720 projector. The keyboard works on every page: Space plays or pauses,
→ (or a clicker's Page Down) steps, ← (Page Up) steps back, R resets. The keys press the page's
own buttons, found by their Streamlit key's ending (`..._play`, `..._pause`, `..._step`,
`..._next`, `..._prev`, `..._reset`), so a lab gets them by naming its buttons that way.
"""

import io
from urllib.parse import urlencode

import segno
import streamlit as st

from ui import text

PRESENT_URL = "present"
PRESENT_WIDGET = "neurona_present_pick"
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stHeader"] { height: 0; min-height: 0; }
html { font-size: 19px; }
[data-testid="stMainBlockContainer"] { padding: 0.75rem 1.5rem 1rem; max-width: 100%; }
h1 { font-size: 1.7rem !important; padding: 0 !important; }
.st-key-neurona_present_exit { position: fixed; top: 0.4rem; right: 1rem; z-index: 1000;
  width: auto !important; }
</style>
"""
KEYS_JS = """
export default function () {
  if (globalThis.neuronaKeys) return;
  globalThis.neuronaKeys = true;
  const ACTIONS = {
    " ": /_(play|pause)$/, ArrowRight: /_(step|next)$/, PageDown: /_(step|next)$/,
    ArrowLeft: /_(prev|back)$/, PageUp: /_(prev|back)$/, r: /_reset$/, R: /_reset$/,
  };
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)
    || el.getAttribute("role") === "slider" || el.getAttribute("role") === "combobox");
  document.addEventListener("keydown", (event) => {
    const pattern = ACTIONS[event.key];
    const active = document.activeElement;
    if (!pattern || event.ctrlKey || event.metaKey || event.altKey || typing(active)) return;
    if (event.key === " " && active && active.tagName === "BUTTON") return; // it clicks itself
    for (const box of document.querySelectorAll('[class*="st-key-"]')) {
      const key = [...box.classList].find((c) => c.startsWith("st-key-"));
      const button = box.querySelector("button:not([disabled])");
      if (key && pattern.test(key) && button && button.offsetParent !== null) {
        event.preventDefault();
        button.click();
        return;
      }
    }
  });
}
"""
KEYS = st.components.v2.component("neurona_keys", js=KEYS_JS)


def is_presenting() -> bool:
    return st.query_params.get(PRESENT_URL) == "1"


def set_presenting(on: bool) -> None:
    if on:
        st.query_params[PRESENT_URL] = "1"
    else:
        st.query_params.pop(PRESENT_URL, None)


def controls() -> None:
    """The presenter toggle and the share button in the sidebar; presenter mode's style and its
    way out in the page; the keyboard shortcuts."""
    words = text.load("common")["presenter"]
    KEYS(key="neurona_keys", height=0)
    st.session_state[PRESENT_WIDGET] = is_presenting()
    st.sidebar.toggle(
        words["toggle"],
        key=PRESENT_WIDGET,
        persist_state="session",
        help=words["toggle_help"],
        on_change=lambda: set_presenting(st.session_state[PRESENT_WIDGET]),
    )
    if st.sidebar.button(words["share"], icon=":material/qr_code_2:", key="neurona_share"):
        share_dialog(words)
    if is_presenting():
        st.html(PRESENTER_CSS)
        st.button(  # pinned to the top right corner by PRESENTER_CSS
            words["exit"], key="neurona_present_exit", on_click=set_presenting, args=(False,)
        )  # pinned to the top right corner by PRESENTER_CSS


def share_link() -> str:
    """This page's address with its settings, as a student would open it."""
    base = st.context.url or ""
    query = {k: v for k, v in st.query_params.to_dict().items() if k != PRESENT_URL}
    return f"{base}?{urlencode(query)}" if query else base


def qr_png(link: str) -> bytes:
    """The link as a QR code, a PNG big enough to scan from the back of a room."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=12, border=2)
    return buffer.getvalue()


def share_dialog(words: dict) -> None:
    @st.dialog(words["share_title"], width="large")
    def dialog() -> None:
        link = share_link()
        st.image(qr_png(link), width=420)
        st.caption(words["share_caption"])
        st.code(link, language=None)

    dialog()
