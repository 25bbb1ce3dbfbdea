// Formatting helpers. Everything that comes from an event is untrusted: it is only ever put
// into the page as text (textContent, attribute values), never parsed as HTML.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function count(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return integer.format(n);
}

export function compact(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const abs = Math.abs(n);
  if (abs >= 1e9) return oneDecimal.format(n / 1e9) + 'G';
  if (abs >= 1e6) return oneDecimal.format(n / 1e6) + 'M';
  if (abs >= 1e4) return oneDecimal.format(n / 1e3) + 'k';
  return integer.format(n);
}

export function bytes(n) {
  if (!Number.isFinite(n)) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? integer.format(n) : oneDecimal.format(n)) + ' ' + units[i];
}

export function rate(n) {
  if (!Number.isFinite(n)) return '–';
  return n >= 100 ? integer.format(n) : oneDecimal.format(n);
}

/** "2xx" colour class of a status code; anything odd is treated as a server error. */
export function statusClass(code) {
  const c = Number(code);
  if (!Number.isInteger(c)) return 'c5';
  const k = Math.floor(c / 100);
  return k >= 2 && k <= 5 ? 'c' + k : 'c5';
}

export function clockTime(ms) {
  const d = new Date(ms);
  return d.toLocaleTimeString('en-GB', { hour12: false });
}

/** Time of an event as the pipeline wrote it (local date-time with millis), else from event_ts. */
export function eventTime(e) {
  if (typeof e.event_datetime === 'string' && e.event_datetime.includes('T')) {
    return e.event_datetime.slice(e.event_datetime.indexOf('T') + 1, e.event_datetime.indexOf('T') + 13);
  }
  if (Number.isFinite(e.event_ts)) {
    const d = new Date(e.event_ts);
    return d.toLocaleTimeString('en-GB', { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
  }
  return '';
}

export function text(v) {
  return v === null || v === undefined ? '' : String(v);
}

/** Creates an element with a class and text content. */
export function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.textContent = String(content);
  return node;
}
