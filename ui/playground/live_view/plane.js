// The big view: the output (or one neuron) over the plane, with the data points on top.
Object.assign(LiveView.prototype, {
  plotBox(w, h) {
    const left = 40, bottom = 36, top = 4;
    const side = Math.min(w - left - 6, h - top - bottom);
    return { left, top, side };
  },


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
    const fg = this.style.color;
    ctx.strokeStyle = fg;
    ctx.lineWidth = 1;
    ctx.strokeRect(left - 0.5, top - 0.5, side + 1, side + 1);
    ctx.fillStyle = fg;
    ctx.font = `13px ${this.style.fontFamily}`;
    for (const t of [-6, -4, -2, 0, 2, 4, 6]) {
      const f = (t + 6) / 12;
      ctx.textAlign = "center";
      ctx.fillText(localNumber(t, 4), left + f * side, top + side + 15);
      ctx.textAlign = "right";
      ctx.fillText(localNumber(t, 4), left - 5, top + (1 - f) * side + 4);
    }
    ctx.font = `15px ${this.style.fontFamily}`;
    ctx.textAlign = "center";
    ctx.fillText(d.text.x1, left + side / 2, top + side + 31);
    ctx.save();
    ctx.translate(12, top + side / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(d.text.x2, 0, 0);
    ctx.restore();
  },


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
  },
});
