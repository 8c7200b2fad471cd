// Helpers for the Playground's live view: decoding base64 arrays, colour tables, canvases.

const DPR = () => window.devicePixelRatio || 1;

function bytes(b64) {
  const s = atob(b64);
  const a = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
  return a;
}

function typed(b64, T) {
  const u = bytes(b64);
  return new T(u.buffer, 0, u.byteLength / T.BYTES_PER_ELEMENT);
}

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function lut(stops) {
  // 256 colours interpolated between evenly spaced stops, as flat r, g, b.
  const c = stops.map(rgb);
  const out = new Uint8ClampedArray(256 * 3);
  for (let v = 0; v < 256; v++) {
    const t = (v / 255) * (c.length - 1);
    const i = Math.min(Math.floor(t), c.length - 2);
    const f = t - i;
    for (let k = 0; k < 3; k++) out[3 * v + k] = c[i][k] + (c[i + 1][k] - c[i][k]) * f;
  }
  return out;
}

// Numbers as the reader writes them (decimal comma in Spanish): the page sets the locale.
const numberLocale = { tag: "en" };

function fmt(x) {
  if (x === null || Number.isNaN(x)) return "–";
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.001 || a >= 1e4)) {
    const [mantissa, exponent] = x.toExponential(2).split("e");
    return `${localNumber(Number(mantissa), 3)}e${exponent}`;
  }
  return localNumber(x, 3);
}

function localNumber(x, digits) {
  return Number(x.toPrecision(digits)).toLocaleString(numberLocale.tag, {
    maximumSignificantDigits: digits,
    useGrouping: false,
  });
}

function niceTicks(lo, hi, n) {
  const step0 = (hi - lo) / Math.max(n, 1);
  const mag = 10 ** Math.floor(Math.log10(step0 || 1));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0) || step0;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(t);
  return ticks;
}

function sizeCanvas(canvas, w, h) {
  // A cleared canvas of w x h CSS pixels; resized (a costly reallocation) only when that changes.
  const d = DPR();
  const width = Math.round(w * d), height = Math.round(h * d);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(d, 0, 0, d, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text; // unchanged text: no relayout
}

function paint(canvas, res, fill) {
  // A res x res image from fill(rgba, i) for each pixel i (row 0 at the top).
  if (canvas.width !== res) {
    canvas.width = res;
    canvas.height = res;
  }
  const ctx = canvas.getContext("2d");
  if (!canvas.image || canvas.image.width !== res) canvas.image = ctx.createImageData(res, res);
  const img = canvas.image; // reused: no new pixel buffer (and no garbage) per frame
  for (let i = 0; i < res * res; i++) fill(img.data, i);
  ctx.putImageData(img, 0, 0);
  return canvas;
}

function fillFrom(table, values, offset = 0) {
  // Colour of values[offset + i] from a 256-colour table.
  return (d, i) => {
    const v = 3 * values[offset + i];
    d[4 * i] = table[v];
    d[4 * i + 1] = table[v + 1];
    d[4 * i + 2] = table[v + 2];
    d[4 * i + 3] = 255;
  };
}

function fillBlend(colours, pick, values, offset, lo, hi) {
  // White blended towards colours[pick(i)] by values[offset + i] / 255, between lo and hi.
  return (d, i) => {
    const colour = colours[pick(i)];
    const t = lo + ((hi - lo) * values[offset + i]) / 255;
    for (let k = 0; k < 3; k++) d[4 * i + k] = 255 + (colour[k] - 255) * t;
    d[4 * i + 3] = 255;
  };
}
