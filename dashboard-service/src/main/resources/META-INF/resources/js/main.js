import { LiveStream } from './streams.js';
import { RateChart, renderBars, responseItems } from './charts.js';
import { WorldMap } from './map.js';
import { EventsTable } from './table.js';
import { DeadLetterList } from './deadletters.js';
import { bytes, clockTime, compact, count, el, rate, statusClass, text } from './format.js';

const $ = (id) => document.getElementById(id);

const chart = new RateChart($('rate-chart'));
const map = new WorldMap($('map'));
const table = new EventsTable(document.querySelector('#events-table tbody'), $('table-state'));
const deadLetters = new DeadLetterList($('dead-letters'));

// ---- connection pills -------------------------------------------------------------------------
function connectionState(id) {
  const pill = $(id);
  return (state, detail) => {
    pill.dataset.state = state;
    pill.querySelector('b').textContent = detail ? `${state} · ${detail}` : state;
  };
}

function notice(message, kind = 'warn') {
  const list = $('notices');
  const li = el('li', kind === 'info' ? 'info' : null, `${clockTime(Date.now())}  ${message}`);
  list.prepend(li);
  while (list.children.length > 4) list.lastChild.remove();
}

// ---- live events ------------------------------------------------------------------------------
let filters = {};
let received = 0;
const receivedPerSecond = [];
let droppedHere = 0;

const events = new LiveStream({
  name: 'events',
  path: '/api/stream/events',
  params: (resuming) => ({ ...filters, history: resuming ? undefined : 200 }),
  onState: connectionState('conn-events'),
  handlers: {
    hello: (h) => {
      if (h.last_event_id !== undefined) notice(`reconnected, resuming after id ${text(h.last_event_id)}`, 'info');
    },
    events: (frame) => {
      const list = Array.isArray(frame.events) ? frame.events : [];
      received += list.length;
      for (const e of list) map.add(e, statusClass(e.http_response));
      table.push(list);
      table.pausedNote();
    },
    gap: (g) => {
      const missed = g.missed === null || g.missed === undefined ? 'some' : count(g.missed);
      notice(`gap: ${missed} events missed (${text(g.reason)})`);
    },
    dropped: (d) => {
      droppedHere += Number(d.dropped) || 0;
      notice(`this browser fell behind: ${count(d.dropped)} events dropped`);
    },
  },
});

// ---- aggregates -------------------------------------------------------------------------------
const knownAges = new Set();

function updateAgeOptions(byAge) {
  const select = $('f-age');
  for (const a of byAge) {
    if (!knownAges.has(a.bracket)) {
      knownAges.add(a.bracket);
      const option = el('option', null, a.bracket);
      option.value = a.bracket;
      select.append(option);
    }
  }
}

function renderWindows(pipeline) {
  const tbody = document.querySelector('#windows tbody');
  const windows = (pipeline && pipeline.windows ? pipeline.windows : []).slice(-8).reverse();
  if (!windows.length) {
    const tr = el('tr');
    const td = el('td', 'muted', 'no window received yet');
    td.colSpan = 4;
    tr.append(td);
    tbody.replaceChildren(tr);
    return;
  }
  tbody.replaceChildren(...windows.map((w) => {
    const total = w.total && w.total.all ? w.total.all : {};
    const tr = el('tr');
    tr.append(
      el('td', 'mono', `${clockTime(w.window_start)}–${clockTime(w.window_end).slice(-2)}`),
      el('td', 'num', count(total.events)),
      el('td', 'num', count(total.distinct_users)),
      el('td', 'num', bytes(total.bytes)),
    );
    return tr;
  }));
}

const stats = new LiveStream({
  name: 'stats',
  path: '/api/stream/stats',
  resumable: false,
  watchdogMs: 10000,
  onState: connectionState('conn-stats'),
  handlers: {
    stats: (s) => {
      const ev = s.events || {};
      $('kpi-rate').textContent = rate(ev.rate_now);
      $('kpi-minute').textContent = rate(ev.rate_last_minute);
      $('kpi-total').textContent = compact(ev.total);
      $('kpi-bytes').textContent = `${bytes(ev.bytes)} requested`;
      const d = s.delivery || {};
      const clients = d.clients || {};
      $('kpi-clients').textContent = count(clients.events);
      $('kpi-delivery').textContent = `${compact(d.events_out)} sent · ${compact(d.events_dropped)} dropped`;
      $('kpi-dlq').textContent = count(s.dead_letters ? s.dead_letters.total : 0);
      $('kpi-rejected').textContent = `${count(d.events_rejected)} unreadable on website-out`;
      const unknownShare = ev.total ? ((ev.unknown_location / ev.total) * 100).toFixed(1) : '0.0';
      $('map-unknown').textContent = `unknown location (-1): ${count(ev.unknown_location)} · ${unknownShare}%`;
      renderBars($('by-response'), responseItems(s.by_response || []), { limit: 10 });
      renderBars($('by-age'), (s.by_age || []).map((a) => ({ key: a.bracket, label: a.bracket, count: a.count })),
        { limit: 10 });
      renderBars($('top-pages'), (s.top_pages || []).map((p) => ({ key: p.page, label: p.page, count: p.count })),
        { limit: 11 });
      $('pages-note').textContent = `since start · ${count(s.distinct_pages)} distinct`;
      updateAgeOptions(s.by_age || []);
      chart.update(s);
      renderWindows(s.pipeline);
    },
  },
});

// ---- dead letters -----------------------------------------------------------------------------
const dlq = new LiveStream({
  name: 'dead-letters',
  path: '/api/stream/dead-letters',
  onState: connectionState('conn-dead-letters'),
  handlers: {
    'dead-letter': (d) => deadLetters.add(d),
    gap: (g) => notice(`dead letters: ${g.missed === null || g.missed === undefined ? 'some' : count(g.missed)} missed`),
  },
});

// ---- controls ---------------------------------------------------------------------------------
$('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  filters = {};
  for (const [k, v] of form.entries()) {
    const value = String(v).trim();
    if (value) filters[k] = value;
  }
  table.clear(Object.keys(filters).length ? 'filter applied, waiting for matching events…' : 'waiting for events…');
  events.restart();
});

$('f-clear').addEventListener('click', () => {
  $('filters').reset();
  $('filters').requestSubmit();
});

$('pause').addEventListener('click', (e) => {
  const paused = e.target.getAttribute('aria-pressed') !== 'true';
  e.target.setAttribute('aria-pressed', String(paused));
  e.target.textContent = paused ? 'resume' : 'pause';
  table.setPaused(paused);
});

setInterval(() => {
  $('clock').textContent = clockTime(Date.now());
  receivedPerSecond.push(received);
  received = 0;
  if (receivedPerSecond.length > 5) receivedPerSecond.shift();
  const avg = receivedPerSecond.reduce((a, b) => a + b, 0) / receivedPerSecond.length;
  $('kpi-received').textContent = rate(avg);
  $('kpi-received-hint').textContent = droppedHere
    ? `events / s received · ${count(droppedHere)} dropped here`
    : 'events / s received';
}, 1000);

events.start();
stats.start();
dlq.start();
