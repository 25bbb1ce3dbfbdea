import { compact, el, count, statusClass } from './format.js';

const css = getComputedStyle(document.documentElement);
const color = (name) => css.getPropertyValue(name).trim();

/** Makes a canvas sharp on high-DPI screens; returns its CSS size. */
export function fitCanvas(canvas) {
  const r = canvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(r.width * dpr));
  const h = Math.max(1, Math.round(r.height * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, width: r.width, height: r.height };
}

function niceMax(v) {
  if (v <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

/** Events per second over the last minutes, with the pipeline's 10 s windows behind it. */
export class RateChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.history = null;
    this.windows = [];
    this.updates = 0;
    window.addEventListener('resize', () => this.draw());
  }

  update(stats) {
    this.history = stats.rate_history;
    this.windows = (stats.pipeline && stats.pipeline.windows) || [];
    this.draw();
    this.updates++;
    this.canvas.dataset.updates = String(this.updates);
    const values = this.history ? this.history.per_second : [];
    this.canvas.dataset.lastValue = String(values.length ? values[values.length - 1] : 0);
  }

  draw() {
    const { ctx, width, height } = fitCanvas(this.canvas);
    ctx.clearRect(0, 0, width, height);
    const left = 52, right = 14, top = 14, bottom = 26;
    const w = width - left - right, h = height - top - bottom;
    const values = this.history ? this.history.per_second : [];
    const n = values.length || 300;
    const endSecond = this.history ? this.history.end_second : Math.floor(Date.now() / 1000) - 1;
    const startSecond = endSecond - n + 1;

    const windowRates = this.windows
      .map((win) => {
        const total = win.total && win.total.all ? win.total.all.events : null;
        const seconds = Math.max(1, (win.window_end - win.window_start) / 1000);
        return total === null ? null : { from: win.window_start / 1000, to: win.window_end / 1000, rate: total / seconds };
      })
      .filter((x) => x && x.to > startSecond);
    let max = 0;
    for (const v of values) max = Math.max(max, v);
    for (const r of windowRates) max = Math.max(max, r.rate);
    max = niceMax(max * 1.1);

    const x = (sec) => left + ((sec - startSecond) / (n - 1 || 1)) * w;
    const y = (v) => top + h - (v / max) * h;

    // grid and labels
    ctx.font = '11px ' + color('--mono');
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const v = (max / 4) * i;
      const yy = Math.round(y(v)) + 0.5;
      ctx.strokeStyle = i === 0 ? '#2a3a60' : '#1a2644';
      ctx.beginPath();
      ctx.moveTo(left, yy);
      ctx.lineTo(left + w, yy);
      ctx.stroke();
      ctx.fillStyle = color('--muted');
      ctx.textAlign = 'right';
      ctx.fillText(compact(v), left - 8, yy);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let m = 0; m * 60 < n; m++) {
      const sec = endSecond - m * 60;
      const xx = x(sec);
      ctx.fillStyle = color('--muted');
      ctx.fillText(m === 0 ? 'now' : `-${m} min`, Math.min(xx, left + w - 14), top + h + 8);
      ctx.strokeStyle = '#16213d';
      ctx.beginPath();
      ctx.moveTo(Math.round(xx) + 0.5, top);
      ctx.lineTo(Math.round(xx) + 0.5, top + h);
      ctx.stroke();
    }

    // pipeline windows
    ctx.fillStyle = 'rgba(167, 139, 250, 0.22)';
    ctx.strokeStyle = 'rgba(167, 139, 250, 0.75)';
    for (const r of windowRates) {
      const x0 = Math.max(left, x(r.from)), x1 = Math.min(left + w, x(r.to));
      if (x1 <= x0) continue;
      const yy = y(r.rate);
      ctx.fillRect(x0 + 1, yy, x1 - x0 - 2, top + h - yy);
      ctx.beginPath();
      ctx.moveTo(x0 + 1, yy + 0.5);
      ctx.lineTo(x1 - 1, yy + 0.5);
      ctx.stroke();
    }

    if (!values.length) return;
    // area + line
    const grad = ctx.createLinearGradient(0, top, 0, top + h);
    grad.addColorStop(0, 'rgba(56, 225, 176, 0.35)');
    grad.addColorStop(1, 'rgba(56, 225, 176, 0.0)');
    ctx.beginPath();
    ctx.moveTo(x(startSecond), y(0));
    values.forEach((v, i) => ctx.lineTo(x(startSecond + i), y(v)));
    ctx.lineTo(x(endSecond), y(0));
    ctx.closePath();
    ctx.fillStyle = grad;
    ctx.fill();
    ctx.beginPath();
    values.forEach((v, i) => (i === 0 ? ctx.moveTo(x(startSecond + i), y(v)) : ctx.lineTo(x(startSecond + i), y(v))));
    ctx.strokeStyle = color('--accent');
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.stroke();

    const last = values[values.length - 1];
    const lx = x(endSecond), ly = y(last);
    ctx.fillStyle = color('--accent');
    ctx.beginPath();
    ctx.arc(lx, ly, 4, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = 'rgba(56, 225, 176, 0.25)';
    ctx.beginPath();
    ctx.arc(lx, ly, 9, 0, Math.PI * 2);
    ctx.fill();
  }
}

/**
 * Horizontal bars, one per item, reused by key so widths animate.
 * items: [{ key, label, count, cls }]
 */
export function renderBars(list, items, { limit = 12, emptyText = 'nothing yet' } = {}) {
  const shown = items.slice(0, limit);
  if (!shown.length) {
    list.replaceChildren(el('li', 'empty', emptyText));
    return;
  }
  const max = Math.max(1, ...shown.map((i) => i.count));
  const existing = new Map();
  for (const li of list.children) if (li.dataset.key !== undefined) existing.set(li.dataset.key, li);
  const rows = shown.map((item) => {
    let li = existing.get(item.key);
    if (!li) {
      li = el('li');
      li.dataset.key = item.key;
      const name = el('span', 'name');
      const track = el('span', 'track');
      track.append(el('span', 'fill'));
      li.append(name, track, el('span', 'count'));
    }
    const [name, track, cnt] = li.children;
    name.textContent = item.label;
    name.title = item.label;
    const fill = track.firstChild;
    fill.className = 'fill' + (item.cls ? ' ' + item.cls : '');
    fill.style.width = ((item.count / max) * 100).toFixed(2) + '%';
    cnt.textContent = count(item.count);
    return li;
  });
  list.replaceChildren(...rows);
}

export function responseItems(byResponse) {
  return byResponse
    .slice()
    .sort((a, b) => b.count - a.count)
    .map((r) => ({ key: String(r.code), label: String(r.code), count: r.count, cls: statusClass(r.code) }));
}
