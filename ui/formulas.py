"""Long formulas shrink to fit their column instead of scrolling out of sight.

KaTeX draws a display formula on one line, so a long one runs past a narrow column (1280x720 with
the sidebar open leaves about 750 px) and is cut. A small script, loaded once per page, watches
the page and gives every display formula that is too wide a font size that makes it fit, down to
MIN_SCALE of its own size; past that it scrolls, as KaTeX does."""

import streamlit as st

MIN_SCALE = 0.6  # smaller than this is unreadable from the back row: scroll instead
FIT_JS = """
export default function ({ data }) {
  if (globalThis.neuronaFitFormulas) return;
  globalThis.neuronaFitFormulas = true;
  const fit = (box) => {
    const formula = box.querySelector(":scope > .katex");
    if (!formula) return;
    const column = box.parentElement || box;  // a formula's own box may be only as wide as it is
    const key = `${column.clientWidth}:${box.textContent.length}`;
    if (box.dataset.fitted === key) return;
    formula.style.fontSize = "";
    const full = parseFloat(getComputedStyle(formula).fontSize);
    // Some of KaTeX's spacing does not scale with the font: shrink again until it fits.
    for (let tries = 0; tries < 4 && column.clientWidth > 0; tries++) {
      const room = Math.min(box.clientWidth, column.clientWidth) - 2, need = box.scrollWidth;
      if (need <= room + 3) break;
      const size = parseFloat(getComputedStyle(formula).fontSize) * room / need;
      formula.style.fontSize = `${Math.max(size, full * data.min_scale).toFixed(2)}px`;
    }
    box.dataset.fitted = key;
  };
  let pending = false;
  const fitAll = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      document.querySelectorAll(".katex-display").forEach(fit);
    });
  };
  // KaTeX's fonts arrive after its first layout and widen the formulas: measure again then.
  const refitAll = () => {
    document.querySelectorAll(".katex-display").forEach((box) => delete box.dataset.fitted);
    fitAll();
  };
  new MutationObserver(fitAll).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", fitAll);
  document.fonts.addEventListener("loadingdone", refitAll);
  document.fonts.ready.then(refitAll);
  fitAll();
}
"""
FIT = st.components.v2.component("neurona_fit_formulas", js=FIT_JS)


def fit_to_column() -> None:
    """Load the script that fits every display formula on the page to its column."""
    FIT(key="neurona_fit_formulas", data={"min_scale": MIN_SCALE}, height=0)
