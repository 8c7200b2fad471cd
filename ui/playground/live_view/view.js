// Neurona Playground: draws one frame of ui/playground/views.py on three canvases: the network
// diagram (every neuron's output as a thumbnail, weights as coloured curves), the big view (the
// output, or a clicked neuron, over the plane with the data points) and the loss curves.
// live.py joins helpers.js, this file, network.js, plane.js and curves.js into one module; the
// last three add their drawing methods to LiveView. The canvases persist between frames.

class LiveView {
  constructor(root, trigger) {
    this.root = root;
    this.trigger = trigger; // a click on a neuron: its "layer,neuron" (or "" for the output)
    this.frames = 0;
    this.queue = [];
    this.period = 100; // ms between ticks, measured
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
    // A tick brings the scene (points, loss curves) and one or more pictures, each `speed` epochs
    // after the last: show them one by one, spread over the time until the next tick.
    const { pictures, ...scene } = data;
    const now = performance.now();
    if (this.arrived) this.period = Math.min(500, 0.7 * this.period + 0.3 * (now - this.arrived));
    this.arrived = now;
    this.scene = scene;
    // Keep at most two ticks' worth; a longer queue plays faster, so the view never lags behind.
    this.queue = [...this.queue, ...pictures].slice(-2 * pictures.length);
    this.spacing = this.period / Math.max(pictures.length, this.queue.length);
    if (!this.busy) this.showNext();
  }

  showNext() {
    const picture = this.queue.shift();
    this.busy = picture !== undefined;
    if (!this.busy) return;
    requestAnimationFrame((start) => {
      this.data = { ...this.page, ...this.scene, ...picture };
      this.decode();
      this.draw();
      this.frames += 1; // frames drawn, read by benchmarks/browser_fps.py and the browser tests
      this.root.dataset.frames = String(this.frames);
      this.root.dataset.epoch = String(this.data.epoch);
      const wait = this.queue.length ? this.spacing - (performance.now() - start) : 0;
      setTimeout(() => this.showNext(), Math.max(0, wait));
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
    // Text colour and font, read once: reading a computed style after a DOM change costs a
    // style recalculation, and the three canvases need them many times.
    const style = getComputedStyle(this.root);
    this.style = { color: style.color, fontFamily: style.fontFamily };
    // Wide screens: network | big view | curves in one row; narrow ones: curves below.
    const gap = 18;
    const wide = width >= 1150;
    const wideSide = wide
      ? Math.max(300, Math.min(480, width * 0.32))
      : Math.max(260, Math.min(440, (width - gap) * 0.42));
    // On a projector (presenter mode) the three views fit under the toolbar in one screen.
    const side = d.present ? Math.min(wideSide, this.roomBelow()) : wideSide;
    const curvesW = wide ? Math.max(300, Math.min(460, width * 0.26)) : width;
    const netW = Math.max(280, (wide ? width - curvesW - gap : width) - side - gap);
    this.drawStats(d.stats);
    setText(this.root.querySelector(".nrn-net figcaption"), text.net_title);
    setText(this.root.querySelector(".nrn-big figcaption"), d.big.title);
    setText(this.root.querySelector(".nrn-curves figcaption"), text.curves_title);
    this.drawNet(netW, side);
    this.drawBig(side, side);
    this.drawCurves(curvesW, wide ? side : Math.max(160, Math.min(230, width * 0.19)));
  }

  roomBelow() {
    // The height left under the row's top (in the page, whatever the scroll), less a caption.
    const row = this.root.querySelector(".nrn-row");
    const scroller = document.querySelector("[data-testid=stMain]");
    const top = row.getBoundingClientRect().top + (scroller ? scroller.scrollTop : 0);
    return Math.max(220, window.innerHeight - top - 40);
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
      setText(stat.firstChild, label);
      setText(stat.lastChild, value);
    });
  }

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
  hub.setTriggerValue = component.setTriggerValue;
  if (!root.view) {
    root.view = new LiveView(root, (key, value) => hub.setTriggerValue(key, value));
  }
  root.view.page = component.data; // words and colours: they change only with the page
  numberLocale.tag = component.data.locale || "en";
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
