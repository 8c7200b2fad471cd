// The network diagram: each neuron's output as a thumbnail, weights as curves, biases as squares.
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
