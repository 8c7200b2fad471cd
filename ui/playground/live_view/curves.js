// The loss curves: train and test loss per epoch, the lowest test loss, the replayed epoch.
Object.assign(LiveView.prototype, {
  drawCurves(w, h) {
    const ctx = sizeCanvas(this.curves, w, h);
    const d = this.data, c = d.colors, text = d.text;
    const left = 52, right = 14, top = 30, bottom = 36;
    // Training: the curves up to this picture's epoch. Replaying: all of them, with a mark.
    const upTo = d.curves.mark === null ? d.epoch : Infinity;
    let n = this.epochs.length;
    while (n > 0 && this.epochs[n - 1] > upTo) n -= 1;
    this.shown = n;
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
    const fg = this.style.color;
    const font = this.style.fontFamily;
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
      ctx.fillText(localNumber(t, 4), left - 6, Y(t) + 4);
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
      let points = 0, last = -1;
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(values[i])) continue;
        if (points) ctx.lineTo(X(this.epochs[i]), Y(values[i]));
        else ctx.moveTo(X(this.epochs[i]), Y(values[i]));
        points += 1;
        last = i;
      }
      ctx.stroke();
      ctx.setLineDash([]);
      if (points === 1) {  // epoch 0 alone: a dot, so the starting loss shows before Play
        ctx.fillStyle = colour;
        ctx.beginPath();
        ctx.arc(X(this.epochs[last]), Y(values[last]), 4, 0, 2 * Math.PI);
        ctx.fill();
      }
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
    if (d.best !== null && n > 1) {
      const align = X(d.best) > w * 0.7 ? "right" : "left";
      marker(d.best, fg, [3, 3], `${text.best} (${text.epoch.toLowerCase()} ${d.best})`, align);
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
  },


  hoverCurves(e) {
    const n = this.shown || 0;
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
  },
});
