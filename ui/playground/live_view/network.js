// The network diagram: each neuron's output as a thumbnail, weights as curves, biases as squares.
const DENSE_EDGES = 300; // more weights than this: straight lines
Object.assign(LiveView.prototype, {
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
  },


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
  },


  drawNet(w, h) {
    const ctx = sizeCanvas(this.net, w, h);
    const geo = this.layout(w, h);
    this.geo = geo;
    this.edgeList = this.edges(geo).sort((a, b) => Math.abs(this.W[a[2]]) - Math.abs(this.W[b[2]]));
    this.dense = this.edgeList.length > DENSE_EDGES;
    this.drawHeaders(ctx, geo, this.style);
    this.drawEdges(ctx, geo);
    this.drawNodes(ctx, geo, this.style);
  },

  drawHeaders(ctx, geo, style) {
    // Above each column: the layer's name and its number of neurons.
    const text = this.data.text, { s, pos } = geo;
    ctx.fillStyle = style.color;
    ctx.textAlign = "center";
    geo.sizes.forEach((n, l) => {
      const x = pos[this.firstNode(l)].x + s / 2;
      const name = l === 0 ? text.input : l === geo.L ? text.output : `${text.hidden} ${l}`;
      ctx.font = `600 14px ${style.fontFamily}`;
      ctx.fillText(name, x, 18);
      ctx.font = `13px ${style.fontFamily}`;
      ctx.fillText(`${n} ${n === 1 ? text.neuron : text.neurons}`, x, 36);
    });
  },

  drawEdges(ctx, geo) {
    // Weights coloured by sign and thick by |w|, gathered into a few widths: a network of 2,000
    // weights is then some 20 strokes, which the browser paints (in software) far faster. Dense
    // networks get straight lines, small ones curves.
    const { s, pos } = geo, c = this.data.colors;
    const scale = this.data.net.w_max / 32767;
    const maxWidth = Math.max(1.5, Math.min(7, s / 5));
    const paths = new Map();
    for (const [from, to, k] of this.edgeList) {
      const wv = this.W[k] * scale;
      const width = Math.round(2 * Math.min(maxWidth, 0.4 + 2.2 * Math.abs(wv))) / 2;
      const key = `${wv >= 0 ? c.positive : c.negative} ${width}`;
      if (!paths.has(key)) paths.set(key, new Path2D());
      const path = paths.get(key);
      const [x0, y0, x1, y1] = [pos[from].x + s, pos[from].y + s / 2, pos[to].x, pos[to].y + s / 2];
      path.moveTo(x0, y0);
      if (this.dense) path.lineTo(x1, y1);
      else path.bezierCurveTo((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, x1, y1);
    }
    const byWidth = [...paths].sort((a, b) => Number(a[0].split(" ")[1]) - Number(b[0].split(" ")[1]));
    ctx.globalAlpha = 0.85;
    for (const [key, path] of byWidth) {
      const [colour, width] = key.split(" ");
      ctx.strokeStyle = colour;
      ctx.lineWidth = Number(width);
      ctx.stroke(path);
    }
    ctx.globalAlpha = 1;
  },

  drawNodes(ctx, geo, style) {
    // Each neuron's output as a thumbnail, framed (thicker: the one in the big view), its bias as
    // a small square; the inputs are labelled with their feature.
    const d = this.data, c = d.colors, focus = d.focus, { s, pos } = geo;
    ctx.imageSmoothingEnabled = true;
    let bias = 0;
    this.nodes.forEach(({ l, j, k }, idx) => {
      const { x, y } = pos[idx];
      ctx.drawImage(this.tiles[k], x, y, s, s);
      const focused = focus ? focus[0] === l && focus[1] === j : l === geo.L;
      ctx.lineWidth = focused ? 3 : 1;
      ctx.strokeStyle = focused ? style.color : "#888888";
      ctx.strokeRect(x - 0.5, y - 0.5, s + 1, s + 1);
      if (l > 0) {
        const bv = this.b[bias++];
        const q = Math.max(4, s * 0.2);
        ctx.fillStyle = bv >= 0 ? c.positive : c.negative;
        ctx.globalAlpha = 0.25 + 0.75 * Math.tanh(Math.abs(bv));
        ctx.fillRect(x - q - 3, y + s - q, q, q);
        ctx.globalAlpha = 1;
      } else {
        ctx.fillStyle = style.color;
        ctx.textAlign = "right";
        ctx.font = `15px ${style.fontFamily}`;
        ctx.fillText(d.text.features[j], x - 8, y + s / 2 + 5);
      }
    });
  },

  firstNode(l) {
    return this.nodes.findIndex((n) => n.l === l);
  },


  nodeAt(e) {
    const r = this.net.getBoundingClientRect();
    const px = e.clientX - r.left, py = e.clientY - r.top;
    const { s, pos } = this.geo;
    const idx = pos.findIndex((p) => px >= p.x && px <= p.x + s && py >= p.y && py <= p.y + s);
    return { idx, px, py };
  },


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
  },


  biasIndex(l, j) {
    return this.data.net.sizes.slice(1, l).reduce((a, b) => a + b, 0) + j;
  },


  edgeAt(px, py) {
    // The strongest weight whose line (or curve) passes within 5 px.
    const { s, pos } = this.geo;
    for (let e = this.edgeList.length - 1; e >= 0; e--) {
      const [from, to] = this.edgeList[e];
      const [x0, y0, x3, y3] = [pos[from].x + s, pos[from].y + s / 2, pos[to].x, pos[to].y + s / 2];
      if (px < x0 || px > x3) continue;
      for (let i = 0; i <= 16; i++) {
        const t = i / 16, u = 1 - t;
        const x = this.dense ? x0 + t * (x3 - x0) : u * u * u * x0 + 3 * u * t * ((x0 + x3) / 2) + t * t * t * x3;
        const y = this.dense ? y0 + t * (y3 - y0) : u * u * u * y0 + 3 * u * t * (u * y0 + t * y3) + t * t * t * y3;
        if (Math.hypot(x - px, y - py) < 5) return this.edgeList[e];
      }
    }
    return null;
  },

  clickNet(e) {
    if (!this.geo) return;
    const { idx } = this.nodeAt(e);
    if (idx < 0) return;
    const { l, j } = this.nodes[idx];
    const f = this.data.focus;
    const same = f ? f[0] === l && f[1] === j : l === this.geo.L;
    this.trigger("focus", same || l === this.geo.L ? "" : `${l},${j}`);
  },
});
