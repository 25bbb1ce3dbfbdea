import { el, text, count } from './format.js';
import { fitCanvas } from './charts.js';

/* The SQL workbench. Every value from a query, a row or the server is rendered with textContent. */

const EXAMPLES = [
  ['Visits per user, 20 s tumbling windows',
    "SELECT TUMBLE_START(event_time, INTERVAL '20' SECOND) AS window_start,\n  id, COUNT(*) AS visits, SUM(file_size_bytes) AS bytes\nFROM visits\nGROUP BY TUMBLE(event_time, INTERVAL '20' SECOND), id"],
  ['Top pages per minute',
    "SELECT TUMBLE_START(event_time, INTERVAL '1' MINUTE) AS window_start,\n  http_request, COUNT(*) AS visits\nFROM visits\nGROUP BY TUMBLE(event_time, INTERVAL '1' MINUTE), http_request"],
  ['Error rate per minute',
    "SELECT TUMBLE_START(event_time, INTERVAL '1' MINUTE) AS window_start,\n  COUNT(*) AS visits,\n  SUM(CASE WHEN http_response >= 400 THEN 1 ELSE 0 END) AS errors,\n  100.0 * SUM(CASE WHEN http_response >= 400 THEN 1 ELSE 0 END) / COUNT(*) AS error_pct\nFROM visits\nGROUP BY TUMBLE(event_time, INTERVAL '1' MINUTE)"],
  ['Visits by age bracket, 1 min sliding every 10 s',
    "SELECT HOP_START(event_time, INTERVAL '10' SECOND, INTERVAL '1' MINUTE) AS window_start,\n  age_bracket, COUNT(*) AS visits\nFROM visits\nGROUP BY HOP(event_time, INTERVAL '10' SECOND, INTERVAL '1' MINUTE), age_bracket"],
  ['Late events (event time more than 5 s behind now)',
    "SELECT id, http_request, event_time,\n  TIMESTAMPDIFF(SECOND, event_time, CURRENT_TIMESTAMP) AS seconds_late\nFROM visits\nWHERE TIMESTAMPDIFF(SECOND, event_time, CURRENT_TIMESTAMP) > 5"],
  ['Dead letters per minute and reason',
    "SELECT TUMBLE_START(event_time, INTERVAL '1' MINUTE) AS window_start,\n  reason, COUNT(*) AS dead_letters\nFROM dead_letters\nGROUP BY TUMBLE(event_time, INTERVAL '1' MINUTE), reason"],
];

const NUMERIC = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'FLOAT', 'REAL', 'DOUBLE', 'DECIMAL']);
const MAX_APPENDED_ROWS = 500;
const MAX_CHART_POINTS = 60;

const $ = (id) => document.getElementById(id);
const query = $('sql-query');
const mirror = $('sql-mirror');
const message = $('sql-message');
const plan = $('sql-plan');
const token = $('sql-token');

token.value = sessionStorage.getItem('sql-token') || '';
token.addEventListener('change', () => sessionStorage.setItem('sql-token', token.value));

function notice(textValue) {
  const list = $('notices');
  const item = el('li', 'info', textValue);
  list.append(item);
  setTimeout(() => item.remove(), 8000);
}

async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token.value) headers['X-Api-Token'] = token.value;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  return { status: response.status, data };
}

/* ---------------------------------------------------------------- editor and its error mark */
function renderMirror(from, to) {
  mirror.replaceChildren();
  const value = query.value;
  if (from === undefined || from >= to) {
    mirror.append(document.createTextNode(value + '\n'));
    return;
  }
  mirror.append(document.createTextNode(value.slice(0, from)));
  mirror.append(el('mark', 'sql-error-mark', value.slice(from, to)));
  mirror.append(document.createTextNode(value.slice(to) + '\n'));
}

/** Offset in the text of a 1-based line and column. */
function offsetOf(line, column) {
  const lines = query.value.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
  return Math.min(query.value.length, offset + Math.max(0, column - 1));
}

function showError(data, fallback) {
  const error = (data && data.error) || fallback;
  const line = data && data.line;
  const column = data && data.column;
  const where = line > 0 ? `line ${line}, column ${column}: ` : '';
  message.dataset.state = 'error';
  message.textContent = where + error;
  message.dataset.line = line > 0 ? String(line) : '';
  message.dataset.column = column > 0 ? String(column) : '';
  if (line > 0) {
    const from = offsetOf(line, column);
    const endLine = data.endLine > 0 ? data.endLine : line;
    const endColumn = data.endColumn > 0 ? data.endColumn : column;
    const to = Math.max(from + 1, offsetOf(endLine, endColumn) + 1);
    renderMirror(from, to);
    query.dataset.errorFrom = String(from);
    query.focus();
    query.setSelectionRange(from, to);
  }
}

function clearError() {
  delete query.dataset.errorFrom;
  renderMirror();
}

query.addEventListener('input', () => { clearError(); message.dataset.state = 'idle'; message.textContent = ''; });
query.addEventListener('scroll', () => { mirror.scrollTop = query.scrollTop; });

const examples = $('sql-examples');
EXAMPLES.forEach(([name], i) => { const o = el('option', null, name); o.value = String(i); examples.append(o); });
examples.addEventListener('change', () => {
  if (examples.value !== '') {
    query.value = EXAMPLES[Number(examples.value)][1];
    clearError();
  }
});

const start = $('sql-start');
const startTime = $('sql-start-time');
start.addEventListener('change', () => { startTime.hidden = start.value !== 'time'; });
function startFrom() {
  if (start.value !== 'time') return start.value;
  return startTime.value ? new Date(startTime.value).toISOString() : 'latest';
}

/* ---------------------------------------------------------------- check, explain, run */
$('sql-explain').addEventListener('click', async () => {
  plan.hidden = true;
  message.dataset.state = 'busy';
  message.textContent = 'checking with Beam SQL on the cluster…';
  const { status, data } = await call('POST', 'api/sql/check', { query: query.value, startFrom: startFrom() });
  if (status === 200 && data && data.ok) {
    message.dataset.state = 'ok';
    message.textContent = 'the query plans: ' + data.columns.map((c) => `${c.name} ${c.type}${c.key ? ' (key)' : ''}`).join(', ');
    plan.textContent = data.explain;
    plan.hidden = false;
  } else {
    showError(data, `the check failed (HTTP ${status})`);
  }
});

$('sql-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  message.dataset.state = 'busy';
  message.textContent = 'checking and starting the query job…';
  const { status, data } = await call('POST', 'api/sql/queries', { query: query.value, startFrom: startFrom() });
  if (status === 201) {
    message.dataset.state = 'ok';
    message.textContent = `query ${data.id} runs as Flink job ${data.job_id}`;
    await refreshQueries();
    watch(data.id);
  } else {
    showError(data, `the query was not started (HTTP ${status})`);
  }
});

/* ---------------------------------------------------------------- tables and cluster state */
async function loadTables() {
  const box = $('sql-tables');
  const { status, data } = await call('GET', 'api/sql/tables');
  box.replaceChildren();
  if (status !== 200 || !data) {
    box.append(el('p', 'muted', (data && data.error) || `no tables (HTTP ${status})`));
    setTimeout(loadTables, 10000);
    return;
  }
  for (const [name, columns] of Object.entries(data)) {
    box.append(el('h3', 'mono', name));
    const list = el('ul', 'mono');
    columns.forEach((c) => { const li = el('li', null, c.name); li.append(el('span', null, c.type)); list.append(li); });
    box.append(list);
  }
}

async function loadStatus() {
  const { data } = await call('GET', 'api/sql');
  const cluster = $('cluster');
  if (!data) return;
  cluster.dataset.state = data.cluster === 'reachable' ? 'live' : 'failed';
  cluster.querySelector('b').textContent = data.cluster === 'reachable' ? `${data.free_slots} free slots` : 'unreachable';
  cluster.title = data.error || data.flink_url;
  $('sql-limits').textContent = `at most ${data.max_queries} at once · ${data.max_rows_per_second} rows/s to this page`
    + ` · stopped after ${Math.round(data.idle_timeout_seconds / 60)} min unwatched`;
  if (data.cluster !== 'reachable') {
    message.dataset.state = 'error';
    message.textContent = data.error;
  }
}

/* ---------------------------------------------------------------- running queries */
async function refreshQueries() {
  const { status, data } = await call('GET', 'api/sql/queries');
  if (status !== 200 || !Array.isArray(data)) return;
  const body = $('sql-queries').querySelector('tbody');
  body.replaceChildren();
  for (const q of data) {
    const tr = el('tr');
    tr.dataset.id = q.id;
    tr.dataset.state = q.state;
    tr.append(el('td', 'mono', q.id));
    const sql = el('td', 'query mono', q.query);
    sql.title = q.query;
    tr.append(sql);
    tr.append(el('td', 'state', q.state));
    tr.append(el('td', 'num rows-out', count(q.rows_out)));
    tr.append(el('td', 'num', `${q.age_seconds} s`));
    const actions = el('td');
    const show = el('button', 'ghost show', 'show');
    show.type = 'button';
    show.addEventListener('click', () => watch(q.id));
    const stop = el('button', 'stop', 'stop');
    stop.type = 'button';
    stop.addEventListener('click', () => stopQuery(q.id));
    actions.append(show, stop);
    tr.append(actions);
    body.append(tr);
  }
}

async function stopQuery(id) {
  const { status, data } = await call('DELETE', `api/sql/queries/${encodeURIComponent(id)}`);
  if (status === 204) {
    notice(`query ${id} stopped: job cancelled, topic deleted`);
  } else {
    notice((data && data.error) || `stop failed (HTTP ${status})`);
  }
  await refreshQueries();
}

/* ---------------------------------------------------------------- a query's rows: table and chart */
let stream = null;
let result = null;

function formatValue(value, type) {
  if (value === null || value === undefined) return '';
  if (type === 'TIMESTAMP' && typeof value === 'number') return new Date(value).toISOString().replace('T', ' ').replace('Z', '');
  return text(value);
}

function watch(id) {
  if (stream) stream.close();
  result = { id, columns: [], updating: false, rows: new Map(), appended: 0, points: new Map() };
  const table = $('sql-rows');
  table.querySelector('thead').replaceChildren();
  table.querySelector('tbody').replaceChildren();
  table.dataset.rows = '0';
  table.dataset.query = id;
  $('sql-result-note').textContent = `query ${id}: waiting for rows…`;
  stream = new EventSource(`api/sql/queries/${encodeURIComponent(id)}/rows`);
  stream.addEventListener('query', (e) => {
    const hello = JSON.parse(e.data);
    result.columns = hello.columns || [];
    result.updating = hello.updating;
    const head = el('tr');
    result.columns.forEach((c) => { const th = el('th', NUMERIC.has(c.type) ? 'num' : null, c.name); th.title = c.type + (c.key ? ' · key' : ''); head.append(th); });
    table.querySelector('thead').replaceChildren(head);
    setupChart();
  });
  stream.addEventListener('rows', (e) => {
    const batch = JSON.parse(e.data);
    batch.rows.forEach(addRow);
    table.dataset.rows = String(table.querySelector('tbody').children.length);
    $('sql-result-note').textContent = `query ${id}: ${result.updating ? 'newest row per window and key' : 'newest rows first'}`
      + (batch.dropped ? ` · ${count(batch.dropped)} rows skipped to keep this page within its rate` : '');
    drawChart();
  });
  stream.addEventListener('ended', () => {
    $('sql-result-note').textContent = `query ${id} stopped`;
    stream.close();
  });
}

function addRow(row) {
  const body = $('sql-rows').querySelector('tbody');
  const tr = el('tr');
  result.columns.forEach((c, i) => tr.append(el('td', NUMERIC.has(c.type) ? 'num' : null, formatValue(row.values[i], c.type))));
  if (result.updating && row.key !== null) {
    const old = result.rows.get(row.key);
    if (old) old.replaceWith(tr); else body.prepend(tr);
    result.rows.set(row.key, tr);
  } else {
    body.prepend(tr);
    while (body.children.length > MAX_APPENDED_ROWS) body.lastElementChild.remove();
  }
  collectPoint(row);
}

/* A chart when the result has a time column and numeric columns: per time, the sum over the rows of that time. */
function setupChart() {
  const canvas = $('sql-chart');
  result.timeColumn = result.columns.findIndex((c) => c.type === 'TIMESTAMP');
  result.numberColumns = result.columns.map((c, i) => (NUMERIC.has(c.type) && !c.key ? i : -1)).filter((i) => i >= 0);
  canvas.hidden = result.timeColumn < 0 || result.numberColumns.length === 0;
  canvas.dataset.points = '0';
}

function collectPoint(row) {
  if (result.timeColumn < 0 || result.numberColumns.length === 0) return;
  const t = row.values[result.timeColumn];
  if (typeof t !== 'number') return;
  let point = result.points.get(t);
  if (!point) { point = new Map(); result.points.set(t, point); }
  const values = result.numberColumns.map((i) => Number(row.values[i]) || 0);
  point.set(row.key === null ? `#${result.points.size}-${point.size}` : row.key, values);
  if (result.points.size > MAX_CHART_POINTS) result.points.delete(Math.min(...result.points.keys()));
}

const SERIES = ['#4fa3ff', '#ffb454', '#7ad38a', '#ff7a7a', '#c792ea'];

function drawChart() {
  const canvas = $('sql-chart');
  if (canvas.hidden) return;
  const { ctx, width, height } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  const times = [...result.points.keys()].sort((a, b) => a - b);
  if (times.length === 0) return;
  const sums = times.map((t) => {
    const total = result.numberColumns.map(() => 0);
    for (const values of result.points.get(t).values()) values.forEach((v, i) => { total[i] += v; });
    return total;
  });
  const left = 52, right = 14, top = 14, bottom = 26;
  const w = width - left - right, h = height - top - bottom;
  const max = Math.max(1, ...sums.flat());
  const x = (i) => left + (times.length === 1 ? w / 2 : (i * w) / (times.length - 1));
  const y = (v) => top + h - (v / max) * h;
  ctx.strokeStyle = '#2a3340';
  ctx.beginPath(); ctx.moveTo(left, top + h); ctx.lineTo(left + w, top + h); ctx.stroke();
  ctx.fillStyle = '#8a96a8';
  ctx.font = '11px sans-serif';
  ctx.fillText(String(Math.round(max)), 4, top + 10);
  ctx.fillText(new Date(times[0]).toISOString().slice(11, 19), left, height - 8);
  ctx.fillText(new Date(times[times.length - 1]).toISOString().slice(11, 19), Math.max(left, left + w - 50), height - 8);
  result.numberColumns.forEach((column, s) => {
    ctx.strokeStyle = SERIES[s % SERIES.length];
    ctx.fillStyle = SERIES[s % SERIES.length];
    ctx.beginPath();
    sums.forEach((total, i) => { if (i === 0) ctx.moveTo(x(i), y(total[s])); else ctx.lineTo(x(i), y(total[s])); });
    ctx.stroke();
    sums.forEach((total, i) => ctx.fillRect(x(i) - 2, y(total[s]) - 2, 4, 4));
    ctx.fillText(result.columns[column].name, left + 8 + s * 110, top + 10);
  });
  canvas.dataset.points = String(times.length);
}

window.addEventListener('resize', () => result && drawChart());

renderMirror();
loadStatus();
loadTables();
refreshQueries();
setInterval(refreshQueries, 2000);
setInterval(loadStatus, 10000);
