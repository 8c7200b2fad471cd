"""What a projector shows badly, measured in the browser: boxes wider than the main column, chart
boxes on top of each other, labels cut by an ellipsis, and chart text too small for the back row.

`layout_problems(page)` returns one line per problem (empty when the screen is right); the layout
test runs it on every page and tab, and it can be run by hand on any page."""

from playwright.sync_api import Page

MIN_CHART_FONT_PX = 14  # issue 12: chart text at least 14 px at 1280x720
# Boxes that must stay inside the main column, and the chart boxes that must not overlap.
BOXES = (
    "[data-testid=stPlotlyChart], [data-testid=stVegaLiteChart], [data-testid=stImage],"
    " [data-testid=stMetric], [data-testid=stButton], [data-testid=stTable],"
    " [data-testid=stDataFrame], [data-testid=stMarkdownContainer], .katex-display,"
    " [data-testid=stHorizontalBlock], [data-testid=stCustomComponentV1]"
)
CHARTS = "[data-testid=stPlotlyChart], [data-testid=stVegaLiteChart], [data-testid=stImage]"
# Text a person must read whole: button and tab labels, metric values and labels, widget labels.
LABELS = (
    "button p, [role=tab] p, [data-testid=stMetricValue] div, [data-testid=stMetricLabel] p,"
    " [data-testid=stWidgetLabel] p, [data-testid=stMarkdownContainer] .katex-display"
)
LAYOUT_JS = """([boxes, charts, labels]) => {
    const main = document.querySelector('[data-testid=stMainBlockContainer]');
    const edge = main.getBoundingClientRect();
    const style = getComputedStyle(main);
    const right = edge.right - (parseFloat(style.paddingRight) || 0) + 2;
    const left = edge.left + (parseFloat(style.paddingLeft) || 0) - 2;
    const px = v => Math.round(v);
    const shown = el => el.getClientRects().length > 0 && el.closest('[hidden]') === null
        && getComputedStyle(el).visibility !== 'hidden';
    const name = el => {
        const text = (el.innerText || el.textContent || '').trim().split('\\n')[0].slice(0, 40);
        return `${el.dataset.testid || el.className || el.tagName}${text ? ' "' + text + '"' : ''}`;
    };
    const pinned = el => {  // pinned to the screen on purpose (presenter mode's way out)
        for (let e = el; e && e !== main; e = e.parentElement)
            if (getComputedStyle(e).position === 'fixed') return true;
        return false;
    };
    const problems = [];
    for (const el of main.querySelectorAll(boxes)) {
        if (!shown(el) || pinned(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.right > right || r.left < left)
            problems.push(`wider than the column: ${name(el)} spans ${px(r.left)}-`
                + `${px(r.right)} px, the column ${px(left + 2)}-${px(right - 2)} px`);
        const inner = el.querySelector('svg.main-svg, canvas, img');
        if (inner && shown(inner)) {
            const i = inner.getBoundingClientRect();
            if (i.right > right)
                problems.push(`drawn past the column: ${name(el)} reaches ${px(i.right)} px`);
        }
    }
    const boxesOf = [...main.querySelectorAll(charts)].filter(shown)
        .map(el => [el, el.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && r.height > 0);
    for (let a = 0; a < boxesOf.length; a++) for (let b = a + 1; b < boxesOf.length; b++) {
        const [ea, ra] = boxesOf[a], [eb, rb] = boxesOf[b];
        if (ea.contains(eb) || eb.contains(ea)) continue;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 2 && h > 2)
            problems.push(`charts overlap: ${name(ea)} and ${name(eb)} by ${px(w)}x${px(h)} px`);
    }
    for (const el of main.querySelectorAll(labels)) {
        if (!shown(el)) continue;
        if (el.scrollWidth > el.clientWidth + 3 && getComputedStyle(el).overflowX !== 'visible')
            problems.push(`cut: ${name(el)} needs ${el.scrollWidth} px, has ${el.clientWidth}`);
    }
    return problems;
}"""
# The smallest text Plotly draws (ticks, titles, legends, annotations; a power-of-ten tick's
# exponent is its own tspan at 70 %), as the browser renders it.
CHART_FONTS_JS = """() => {
    const sizes = [];
    for (const el of document.querySelectorAll('.js-plotly-plot text, .js-plotly-plot tspan')) {
        if (el.getClientRects().length === 0) continue;
        const own = [...el.childNodes].filter(n => n.nodeType === 3)
            .map(n => n.textContent).join('').trim();
        if (!own) continue;
        sizes.push([parseFloat(getComputedStyle(el).fontSize), own.slice(0, 20)]);
    }
    return sizes;
}"""


def layout_problems(page: Page) -> list[str]:
    """What is wider than the main column, overlapping or cut on the screen now."""
    return page.evaluate(LAYOUT_JS, [BOXES, CHARTS, LABELS])


def small_chart_text(page: Page, min_px: float = MIN_CHART_FONT_PX) -> list[str]:
    """Each distinct piece of Plotly text smaller than min_px, with its size."""
    small = {(size, text) for size, text in page.evaluate(CHART_FONTS_JS) if size < min_px - 0.01}
    return [f'{size:g} px "{text}"' for size, text in sorted(small)]
