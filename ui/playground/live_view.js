// Neurona Playground: draws one frame of ui/playground/views.py on three canvases.
// The network diagram (every neuron's output as a thumbnail, weights as coloured curves), the big
// view (the output, or a clicked neuron, over the plane with the data points) and the loss curves.
// Streamlit calls the default export with each new frame; the canvases persist between frames.

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

function fmt(x) {
  if (x === null || Number.isNaN(x)) return "–";
  const a = Math.abs(x);
  return a !== 0 && (a < 0.001 || a >= 1e4) ? x.toExponential(2) : x.toPrecision(3);
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
  const d = DPR();
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  canvas.width = Math.round(w * d);
  canvas.height = Math.round(h * d);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(d, 0, 0, d, 0, 0);
  return ctx;
}

function paint(canvas, res, fill) {
  // A res x res image from fill(rgba, i) for each pixel i (row 0 at the top).
  if (canvas.width !== res) {
    canvas.width = res;
    canvas.height = res;
  }
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(res, res);
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

class LiveView {
  constructor(root, setStateValue) {
    this.root = root;
    this.setStateValue = setStateValue;
    this.frames = 0;
    this.net = root.querySelector(".nrn-net canvas");
    this.big = root.querySelector(".nrn-big canvas");
    this.curves = root.querySelector(".nrn-curves canvas");
    this.tip = root.querySelector(".nrn-tip");
    this.tiles = [];
    this.bigImage = document.createElement("canvas");
    this.observer = new ResizeObserver(() => this.data && this.draw());
    this.observer.observe(root);
    this.net.addEventListener("mousemove", (e) => this.hoverNet(e));
    this.net.addEventListener("click", (e) => this.clickNet(e));
    this.big.addEventListener("mousemove", (e) => this.hoverBig(e));
    this.curves.addEventListener("mousemove", (e) => this.hoverCurves(e));
    for (const c of [this.net, this.big, this.curves]) {
      c.addEventListener("mouseleave", () => this.hideTip());
    }
  }

  update(data) {
    // Draw at the next animation frame; frames that arrive faster than the screen are skipped.
    this.next = data;
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.data = { ...this.page, ...this.next };
      this.decode();
      this.draw();
      this.frames += 1; // frames drawn, read by benchmarks/browser_fps.py and the browser tests
      this.root.dataset.frames = String(this.frames);
      this.root.dataset.epoch = String(this.data.epoch);
    });
  }

  decode() {
    const d = this.data;
    const c = d.colors;
    this.divLut = lut(c.diverging);
    this.classRgb = c.classes.map(rgb);
    const b = d.big;
    const z = bytes(b.z);
    const res = Math.round(Math.sqrt(z.length));
    this.bigCls = b.mode === "class" ? bytes(b.cls) : null;
    if (this.bigCls) {
      const cls = this.bigCls;
      paint(this.bigImage, res, fillBlend(this.classRgb, (i) => cls[i], z, 0, 0.12, 0.62));
    } else {
      paint(this.bigImage, res, fillFrom(this.divLut, z));
    }
    this.bigZ = z;
    this.bigRes = res;
    const n = d.net;
    const tiles = bytes(n.tiles);
    const area = n.res * n.res;
    const last = n.sizes.length - 1;
    let k = 0;
    this.nodes = [];
    n.sizes.forEach((size, l) => {
      for (let j = 0; j < size; j++, k++) {
        if (!this.tiles[k]) this.tiles[k] = document.createElement("canvas");
        const fill =
          l === last && n.classes_out
            ? fillBlend(this.classRgb, () => j, tiles, k * area, 0, 0.85)
            : fillFrom(this.divLut, tiles, k * area);
        paint(this.tiles[k], n.res, fill);
        this.nodes.push({ l, j, k });
      }
    });
    this.W = typed(n.W, Int16Array);
    this.b = typed(n.b, Float32Array);
    this.pts = ["train", "test"].map((name) => {
      const p = d.points[name];
      return p && { xy: typed(p.xy, Uint16Array), label: bytes(p.label), test: name === "test" };
    });
    const cv = d.curves;
    this.epochs = typed(cv.epoch, Int32Array);
    this.train = typed(cv.train, Float32Array);
    this.test = typed(cv.test, Float32Array);
  }

  draw() {
    const d = this.data;
    const text = d.text;
    const width = this.root.clientWidth;
    if (!width) return;
    // Wide screens: network | big view | curves in one row; narrow ones: curves below.
    const gap = 18;
    const wide = width >= 1150;
    const side = wide
      ? Math.max(300, Math.min(480, width * 0.32))
      : Math.max(260, Math.min(440, (width - gap) * 0.42));
    const curvesW = wide ? Math.max(300, Math.min(460, width * 0.26)) : width;
    const netW = Math.max(280, (wide ? width - curvesW - gap : width) - side - gap);
    this.drawStats(d.stats);
    this.root.querySelector(".nrn-net figcaption").textContent = text.net_title;
    this.root.querySelector(".nrn-big figcaption").textContent = d.big.title;
    this.root.querySelector(".nrn-curves figcaption").textContent = text.curves_title;
    this.drawNet(netW, side);
    this.drawBig(side, side);
    this.drawCurves(curvesW, wide ? side : Math.max(160, Math.min(230, width * 0.19)));
  }

  drawStats(stats) {
    // Epoch, losses and score as text, so that they read like the rest of the page.
    const box = this.root.querySelector(".nrn-stats");
    if (box.children.length !== stats.length) {
      box.replaceChildren(
        ...stats.map(() => {
          const stat = document.createElement("div");
          stat.className = "nrn-stat";
          stat.innerHTML = '<div class="nrn-label"></div><div class="nrn-value"></div>';
          return stat;
        }),
      );
    }
    stats.forEach(([label, value], i) => {
      const stat = box.children[i];
      stat.dataset.name = label;
      stat.firstChild.textContent = label;
      stat.lastChild.textContent = value;
    });
  }

  // ---- network diagram -------------------------------------------------------------------

  layout(w, h) {
    const sizes = this.data.net.sizes;
    const L = sizes.length - 1;
    const left = 64, right = 16, top = 52, bottom = 12;
    const maxN = Math.max(...sizes);
    const cell = (h - top - bottom) / maxN;
    const colStep = (w - left - right) / Math.max(L, 1);
    const s = Math.max(10, Math.min(64, cell * 0.8, colStep * 0.42));
    const usableW = w - left - right - s;
    const pos = this.nodes.map(({ l, j }) => {
      const x = left + (L ? (usableW * l) / L : 0);
      const y = top + (h - top - bottom - sizes[l] * cell) / 2 + j * cell + (cell - s) / 2;
      return { x, y };
    });
    return { s, pos, top, left, L, sizes };
  }

  edges(geo) {
    // [from node index, to node index, weight] in the order of views.network's W.
    const out = [];
    let w = 0, base = 0;
    for (let l = 0; l < geo.L; l++) {
      const nIn = geo.sizes[l], nOut = geo.sizes[l + 1];
      for (let i = 0; i < nIn; i++) {
        for (let j = 0; j < nOut; j++, w++) out.push([base + i, base + nIn + j, w]);
      }
      base += nIn;
    }
    return out;
  }

  drawNet(w, h) {
    const ctx = sizeCanvas(this.net, w, h);
    const d = this.data, text = d.text, c = d.colors;
    const geo = this.layout(w, h);
    this.geo = geo;
    const { s, pos } = geo;
    const fg = getComputedStyle(this.root).color;
    ctx.font = `600 14px ${getComputedStyle(this.root).fontFamily}`;
    ctx.fillStyle = fg;
    ctx.textAlign = "center";
    geo.sizes.forEach((n, l) => {
      const x = pos[this.firstNode(l)].x + s / 2;
      const name = l === 0 ? text.input : l === geo.L ? text.output : `${text.hidden} ${l}`;
      ctx.fillText(name, x, 18);
      ctx.font = `13px ${getComputedStyle(this.root).fontFamily}`;
      ctx.fillText(`${n} ${n === 1 ? text.neuron : text.neurons}`, x, 36);
      ctx.font = `600 14px ${getComputedStyle(this.root).fontFamily}`;
    });
    const scale = d.net.w_max / 32767;
    const edges = this.edges(geo).sort((a, b) => Math.abs(this.W[a[2]]) - Math.abs(this.W[b[2]]));
    this.edgeList = edges;
    for (const [from, to, k] of edges) {
      const wv = this.W[k] * scale;
      const a = pos[from], b = pos[to];
      ctx.strokeStyle = wv >= 0 ? c.positive : c.negative;
      ctx.globalAlpha = 0.85;
      ctx.lineWidth = Math.min(7, 0.4 + 2.2 * Math.abs(wv)) * Math.min(1, s / 36 + 0.3);
      ctx.beginPath();
      ctx.moveTo(a.x + s, a.y + s / 2);
      const mx = (a.x + s + b.x) / 2;
      ctx.bezierCurveTo(mx, a.y + s / 2, mx, b.y + s / 2, b.x, b.y + s / 2);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    const focus = d.focus;
    ctx.imageSmoothingEnabled = true;
    let bias = 0;
    this.nodes.forEach(({ l, j, k }, idx) => {
      const { x, y } = pos[idx];
      ctx.drawImage(this.tiles[k], x, y, s, s);
      const focused = focus ? focus[0] === l && focus[1] === j : l === geo.L;
      ctx.lineWidth = focused ? 3 : 1;
      ctx.strokeStyle = focused ? fg : "#888888";
      ctx.strokeRect(x - 0.5, y - 0.5, s + 1, s + 1);
      if (l > 0) {
        const bv = this.b[bias++];
        const q = Math.max(4, s * 0.2);
        ctx.fillStyle = bv >= 0 ? c.positive : c.negative;
        ctx.globalAlpha = 0.25 + 0.75 * Math.tanh(Math.abs(bv));
        ctx.fillRect(x - q - 3, y + s - q, q, q);
        ctx.globalAlpha = 1;
      } else {
        ctx.fillStyle = fg;
        ctx.textAlign = "right";
        ctx.font = `15px ${getComputedStyle(this.root).fontFamily}`;
        ctx.fillText(text.features[j], x - 8, y + s / 2 + 5);
      }
    });
  }

  firstNode(l) {
    return this.nodes.findIndex((n) => n.l === l);
  }

  nodeAt(e) {
    const r = this.net.getBoundingClientRect();
    const px = e.clientX - r.left, py = e.clientY - r.top;
    const { s, pos } = this.geo;
    const idx = pos.findIndex((p) => px >= p.x && px <= p.x + s && py >= p.y && py <= p.y + s);
    return { idx, px, py };
  }

  hoverNet(e) {
    if (!this.geo) return;
    const text = this.data.text;
    const { idx, px, py } = this.nodeAt(e);
    if (idx >= 0) {
      const { l, j } = this.nodes[idx];
      const L = this.geo.L;
      let label = l === 0 ? text.features[j] : `${l === L ? text.output : `${text.hidden} ${l}`}, ${text.neuron} ${j + 1}`;
      if (l > 0) label += ` · b = ${fmt(this.b[this.biasIndex(l, j)])}`;
      return this.showTip(e, `${label}<br>${text.click_hint}`);
    }
    const edge = this.edgeAt(px, py);
    if (edge) {
      const [from, to, k] = edge;
      const a = this.nodes[from], b = this.nodes[to];
      const wv = this.W[k] * (this.data.net.w_max / 32767);
      return this.showTip(e, `W<sup>[${b.l}]</sup> ${a.j + 1}→${b.j + 1} = ${fmt(wv)}`);
    }
    this.hideTip();
  }

  biasIndex(l, j) {
    return this.data.net.sizes.slice(1, l).reduce((a, b) => a + b, 0) + j;
  }

  edgeAt(px, py) {
    const { s, pos } = this.geo;
    let best = null, bestD = 5;
    for (let e = this.edgeList.length - 1; e >= 0; e--) {
      const [from, to] = this.edgeList[e];
      const a = pos[from], b = pos[to];
      const x0 = a.x + s, y0 = a.y + s / 2, x3 = b.x, y3 = b.y + s / 2;
      if (px < x0 || px > x3) continue;
      const mx = (x0 + x3) / 2;
      for (let i = 0; i <= 16; i++) {
        const t = i / 16, u = 1 - t;
        const x = u * u * u * x0 + 3 * u * t * (u * mx + t * mx) + t * t * t * x3;
        const y = u * u * u * y0 + 3 * u * t * (u * y0 + t * y3) + t * t * t * y3;
        const dist = Math.hypot(x - px, y - py);
        if (dist < bestD) {
          bestD = dist;
          best = this.edgeList[e];
        }
      }
    }
    return best;
  }

  clickNet(e) {
    if (!this.geo) return;
    const { idx } = this.nodeAt(e);
    if (idx < 0) return;
    const { l, j } = this.nodes[idx];
    const f = this.data.focus;
    const same = f ? f[0] === l && f[1] === j : l === this.geo.L;
    this.setStateValue("focus", same || l === this.geo.L ? "" : `${l},${j}`);
  }

  // ---- big view: output or one neuron over the plane, with the points ------------------

  plotBox(w, h) {
    const left = 40, bottom = 36, top = 4;
    const side = Math.min(w - left - 6, h - top - bottom);
    return { left, top, side };
  }

  drawBig(w, h) {
    const ctx = sizeCanvas(this.big, w, h);
    const d = this.data, c = d.colors;
    const { left, top, side } = this.plotBox(w, h);
    this.bigBox = { left, top, side };
    ctx.fillStyle = "#FFFFFF";
    ctx.fillRect(left, top, side, side);
    ctx.imageSmoothingEnabled = true;
    ctx.globalAlpha = 0.7;  // a lighter background, so that the points stand out
    ctx.drawImage(this.bigImage, left, top, side, side);
    ctx.globalAlpha = 1;
    const r = Math.max(2.5, Math.min(5, side / 90));
    for (const p of this.pts) {
      if (!p) continue;
      ctx.lineWidth = p.test ? 1.6 : 1;
      ctx.strokeStyle = p.test ? "#000000" : "#FFFFFF";
      for (let i = 0; i < p.label.length; i++) {
        const x = left + (p.xy[2 * i] / 65535) * side;
        const y = top + (1 - p.xy[2 * i + 1] / 65535) * side;
        const v = p.label[i];
        if (d.task === "regression") {
          ctx.fillStyle = `rgb(${this.divLut[3 * v]},${this.divLut[3 * v + 1]},${this.divLut[3 * v + 2]})`;
          ctx.strokeStyle = p.test ? "#000000" : "#333333";
        } else {
          ctx.fillStyle = d.task === "binary" ? (v ? c.positive : c.negative) : c.classes[v];
        }
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
    const fg = getComputedStyle(this.root).color;
    ctx.strokeStyle = fg;
    ctx.lineWidth = 1;
    ctx.strokeRect(left - 0.5, top - 0.5, side + 1, side + 1);
    ctx.fillStyle = fg;
    ctx.font = `13px ${getComputedStyle(this.root).fontFamily}`;
    for (const t of [-6, -4, -2, 0, 2, 4, 6]) {
      const f = (t + 6) / 12;
      ctx.textAlign = "center";
      ctx.fillText(String(t), left + f * side, top + side + 15);
      ctx.textAlign = "right";
      ctx.fillText(String(t), left - 5, top + (1 - f) * side + 4);
    }
    ctx.font = `15px ${getComputedStyle(this.root).fontFamily}`;
    ctx.textAlign = "center";
    ctx.fillText(d.text.x1, left + side / 2, top + side + 31);
    ctx.save();
    ctx.translate(12, top + side / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(d.text.x2, 0, 0);
    ctx.restore();
  }

  hoverBig(e) {
    if (!this.bigBox) return;
    const r = this.big.getBoundingClientRect();
    const { left, top, side } = this.bigBox;
    const fx = (e.clientX - r.left - left) / side, fy = (e.clientY - r.top - top) / side;
    if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return this.hideTip();
    const res = this.bigRes;
    const i = Math.min(res - 1, Math.round(fy * (res - 1))) * res + Math.min(res - 1, Math.round(fx * (res - 1)));
    const b = this.data.big, text = this.data.text;
    const x1 = -6 + 12 * fx, x2 = 6 - 12 * fy;
    let value;
    if (b.mode === "class") {
      const sizes = this.data.net.sizes;
      const K = sizes[sizes.length - 1];
      const p = 1 / K + (this.bigZ[i] / 255) * (1 - 1 / K);
      value = `${text.class_label} ${this.bigCls[i] + 1} (p ≈ ${fmt(p)})`;
    } else {
      value = `${b.value_label} ≈ ${fmt(b.low + (this.bigZ[i] / 255) * (b.high - b.low))}`;
    }
    this.showTip(e, `${text.x1} = ${fmt(x1)}, ${text.x2} = ${fmt(x2)}<br>${value}`);
  }

  // ---- loss curves -------------------------------------------------------------------------

  drawCurves(w, h) {
    const ctx = sizeCanvas(this.curves, w, h);
    const d = this.data, c = d.colors, text = d.text;
    const left = 52, right = 14, top = 30, bottom = 36;
    const n = this.epochs.length;
    const xMax = Math.max(10, n ? this.epochs[n - 1] : 0);
    let yMax = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(this.train[i])) yMax = Math.max(yMax, this.train[i]);
      if (Number.isFinite(this.test[i])) yMax = Math.max(yMax, this.test[i]);
    }
    yMax = yMax > 0 ? yMax * 1.05 : 1;
    const X = (ep) => left + (ep / xMax) * (w - left - right);
    const Y = (v) => top + (1 - v / yMax) * (h - top - bottom);
    this.curveBox = { left, right, X, xMax };
    const fg = getComputedStyle(this.root).color;
    const font = getComputedStyle(this.root).fontFamily;
    ctx.font = `13px ${font}`;
    ctx.fillStyle = fg;
    ctx.strokeStyle = "rgba(128,128,128,0.35)";
    ctx.lineWidth = 1;
    for (const t of niceTicks(0, yMax, 4)) {
      ctx.beginPath();
      ctx.moveTo(left, Y(t));
      ctx.lineTo(w - right, Y(t));
      ctx.stroke();
      ctx.textAlign = "right";
      ctx.fillText(String(Number(t.toPrecision(4))), left - 6, Y(t) + 4);
    }
    for (const t of niceTicks(0, xMax, 8)) {
      ctx.textAlign = "center";
      ctx.fillText(String(Math.round(t)), X(t), h - bottom + 16);
    }
    ctx.fillText(text.epoch, left + (w - left - right) / 2, h - 4);
    const line = (values, colour, dash) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2.5;
      ctx.setLineDash(dash);
      ctx.beginPath();
      let started = false;
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(values[i])) continue;
        if (started) ctx.lineTo(X(this.epochs[i]), Y(values[i]));
        else ctx.moveTo(X(this.epochs[i]), Y(values[i]));
        started = true;
      }
      ctx.stroke();
      ctx.setLineDash([]);
    };
    line(this.train, c.train, []);
    line(this.test, c.test, [7, 4]);
    const marker = (ep, colour, dash, label, align) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      ctx.setLineDash(dash);
      ctx.beginPath();
      ctx.moveTo(X(ep), top);
      ctx.lineTo(X(ep), h - bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colour;
      ctx.textAlign = align;
      ctx.fillText(label, X(ep) + (align === "left" ? 5 : -5), top + 12);
    };
    const cv = d.curves;
    if (cv.best !== null && n > 1) {
      const align = X(cv.best) > w * 0.7 ? "right" : "left";
      marker(cv.best, fg, [3, 3], `${text.best} (${text.epoch.toLowerCase()} ${cv.best})`, align);
    }
    if (cv.mark !== null) marker(cv.mark, c.mark, [], `${text.replay} ${cv.mark}`, "left");
    const legend = [[text.train_loss, c.train, []], [text.test_loss, c.test, [7, 4]]];
    let lx = w - right;
    ctx.font = `14px ${font}`;
    ctx.textAlign = "left";
    for (const [label, colour, dash] of legend.reverse()) {
      const tw = ctx.measureText(label).width;
      lx -= tw + 34;
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2.5;
      ctx.setLineDash(dash);
      ctx.beginPath();
      ctx.moveTo(lx, 12);
      ctx.lineTo(lx + 24, 12);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = fg;
      ctx.fillText(label, lx + 28, 17);
    }
  }

  hoverCurves(e) {
    const n = this.epochs ? this.epochs.length : 0;
    if (!n || !this.curveBox) return;
    const r = this.curves.getBoundingClientRect();
    const { X } = this.curveBox;
    const px = e.clientX - r.left;
    let best = 0;
    for (let i = 1; i < n; i++) {
      if (Math.abs(X(this.epochs[i]) - px) < Math.abs(X(this.epochs[best]) - px)) best = i;
    }
    const t = this.data.text;
    this.showTip(
      e,
      `${t.epoch} ${this.epochs[best]}<br>${t.train_loss}: ${fmt(this.train[best])}<br>${t.test_loss}: ${fmt(this.test[best])}`,
    );
  }

  // ---- tooltip ---------------------------------------------------------------------------

  showTip(e, html) {
    const r = this.root.getBoundingClientRect();
    this.tip.innerHTML = html;
    this.tip.hidden = false;
    const x = e.clientX - r.left + 14;
    this.tip.style.left = `${Math.min(x, r.width - this.tip.offsetWidth - 4)}px`;
    this.tip.style.top = `${e.clientY - r.top + 14}px`;
  }

  hideTip() {
    this.tip.hidden = true;
  }
}

// The page mounts this module (with the words and colours) once per full run, outside the
// animated fragment, and a tiny one with every frame (FRAME_JS in live.py); they meet in this
// hub, so this code and the words travel once per page run rather than with every frame.
const hub = (globalThis.neuronaPlayground ??= { view: null, pending: null });

export default function (component) {
  const root = component.parentElement.querySelector(".nrn");
  hub.setStateValue = component.setStateValue;
  if (!root.view) {
    root.view = new LiveView(root, (key, value) => hub.setStateValue(key, value));
  }
  root.view.page = component.data; // words and colours: they change only with the page
  hub.view = root.view;
  if (hub.pending) {
    root.view.update(hub.pending);
    hub.pending = null;
  }
  return () => {
    root.view.observer.disconnect();
    if (hub.view === root.view) hub.view = null;
  };
}
