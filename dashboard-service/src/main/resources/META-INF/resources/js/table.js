import { el, eventTime, statusClass, text, count } from './format.js';

const ROWS = 60;

/** The newest events, newest on top. Every cell is set with textContent. */
export class EventsTable {
  constructor(tbody, stateEl) {
    this.tbody = tbody;
    this.stateEl = stateEl;
    this.newest = [];
    this.paused = false;
    this.whilePaused = 0;
    this.dirty = false;
    this.lastSeq = null;
    const loop = () => {
      if (this.dirty && !this.paused) this.render();
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  push(events) {
    if (!events.length) return;
    // keep only what could be shown: the newest ROWS
    const tail = events.length > ROWS ? events.slice(events.length - ROWS) : events;
    this.newest = this.newest.concat(tail);
    if (this.newest.length > ROWS) this.newest = this.newest.slice(this.newest.length - ROWS);
    this.lastSeq = events[events.length - 1].seq;
    if (this.paused) this.whilePaused += events.length;
    this.dirty = true;
  }

  clear(message) {
    this.newest = [];
    this.tbody.replaceChildren();
    this.stateEl.textContent = message;
  }

  setPaused(paused) {
    this.paused = paused;
    if (!paused) {
      this.whilePaused = 0;
      this.render();
    } else {
      this.stateEl.textContent = 'paused';
    }
  }

  pausedNote() {
    if (this.paused) this.stateEl.textContent = `paused · ${count(this.whilePaused)} new events not shown`;
  }

  render() {
    this.dirty = false;
    const previousTop = this.tbody.firstChild ? this.tbody.firstChild.dataset.seq : null;
    const rows = [];
    for (let i = this.newest.length - 1; i >= 0; i--) {
      const e = this.newest[i];
      const tr = el('tr');
      tr.dataset.seq = text(e.seq);
      const status = el('span', 'badge ' + statusClass(e.http_response), text(e.http_response));
      const statusCell = el('td');
      statusCell.append(status);
      const ua = el('td', 'ua', text(e.user_agent));
      ua.title = text(e.user_agent);
      const request = el('td', 'req', text(e.http_request));
      request.title = text(e.http_request);
      tr.append(
        el('td', null, eventTime(e)),
        el('td', null, text(e.id)),
        el('td', null, text(e.ip)),
        request,
        statusCell,
        el('td', null, text(e.age_bracket)),
        el('td', 'num', e.file_size_bytes === null || e.file_size_bytes === undefined ? '' : count(e.file_size_bytes)),
        ua,
      );
      rows.push(tr);
    }
    if (rows.length && rows[0].dataset.seq !== previousTop) rows[0].classList.add('fresh');
    this.tbody.replaceChildren(...rows);
    this.stateEl.textContent = rows.length
      ? `showing the newest ${rows.length} · last id ${text(this.lastSeq)}`
      : 'waiting for events…';
  }
}
