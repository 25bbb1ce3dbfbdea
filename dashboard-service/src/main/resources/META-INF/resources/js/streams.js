// An SSE stream that stays connected. The browser's EventSource retries a dropped connection by
// itself and sends Last-Event-ID; when it gives up (HTTP error, server gone for long) we open a
// new one after a back-off, passing the last id as a query parameter so nothing is skipped
// silently: the server answers with the missed events, or a "gap" message.

export class LiveStream {
  constructor({ name, path, params = () => ({}), handlers = {}, onState = () => {}, resumable = true, watchdogMs = 0 }) {
    this.name = name;
    this.path = path;
    this.params = params;
    this.handlers = handlers;
    this.onState = onState;
    this.resumable = resumable;
    this.watchdogMs = watchdogMs;
    this.lastId = null;
    this.attempt = 0;
    this.es = null;
    this.timer = null;
    this.lastMessageAt = 0;
    this.connections = 0;
    if (watchdogMs > 0) setInterval(() => this.checkAlive(), Math.max(1000, watchdogMs / 4));
  }

  start() { this.connect(); }

  /** Reconnects from scratch (new filters): no resume. */
  restart() {
    this.lastId = null;
    this.connect();
  }

  url() {
    const q = new URLSearchParams();
    const p = this.params(this.lastId !== null);
    for (const [k, v] of Object.entries(p)) {
      if (v !== undefined && v !== null && v !== '') q.set(k, v);
    }
    if (this.resumable && this.lastId !== null) q.set('last_event_id', this.lastId);
    const qs = q.toString();
    return qs ? this.path + '?' + qs : this.path;
  }

  connect() {
    this.close();
    const es = new EventSource(this.url());
    this.es = es;
    this.state(this.connections === 0 ? 'connecting' : 'reconnecting');
    es.onopen = () => {
      if (es !== this.es) return;
      this.attempt = 0;
      this.connections++;
      this.lastMessageAt = Date.now();
      this.state('live');
    };
    es.onerror = () => {
      if (es !== this.es) return;
      if (es.readyState === EventSource.CLOSED) {
        this.scheduleReconnect();
      } else {
        this.state('reconnecting');
      }
    };
    for (const [type, fn] of Object.entries(this.handlers)) {
      es.addEventListener(type, (e) => {
        if (es !== this.es) return;
        this.lastMessageAt = Date.now();
        if (e.lastEventId) this.lastId = e.lastEventId;
        let data;
        try {
          data = JSON.parse(e.data);
        } catch (err) {
          console.warn(this.name, 'unreadable message', err);
          return;
        }
        fn(data, e);
      });
    }
  }

  scheduleReconnect() {
    this.close();
    const delay = Math.min(15000, 1000 * 2 ** Math.min(this.attempt, 4));
    this.attempt++;
    this.state('reconnecting', `retry in ${Math.round(delay / 1000)} s`);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  checkAlive() {
    if (this.es && this.es.readyState === EventSource.OPEN && Date.now() - this.lastMessageAt > this.watchdogMs) {
      this.scheduleReconnect();
    }
  }

  close() {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    if (this.es) { this.es.close(); this.es = null; }
  }

  state(s, detail) { this.onState(s, detail); }
}
