import { el, text, clockTime, count } from './format.js';

const KEEP = 50;

/** Dead letters, newest first: reason, source and a preview of the rejected value, as text. */
export class DeadLetterList {
  constructor(list) {
    this.list = list;
    this.items = [];
  }

  add(d) {
    if (this.items.some((x) => x.seq === d.seq)) return;
    this.items.unshift(d);
    if (this.items.length > KEEP) this.items.length = KEEP;
    this.render();
  }

  render() {
    if (!this.items.length) {
      this.list.replaceChildren(el('li', 'empty muted', 'none yet'));
      return;
    }
    this.list.replaceChildren(...this.items.map((d) => {
      const li = el('li');
      const head = el('div', 'dl-head');
      const source = [text(d.source_topic || 'unknown source'),
        d.source_partition !== null && d.source_partition !== undefined ? 'partition ' + text(d.source_partition) : null,
        d.source_offset !== null && d.source_offset !== undefined ? 'offset ' + text(d.source_offset) : null]
        .filter(Boolean).join(' · ');
      head.append(el('span', null, source), el('span', null, clockTime(d.received_at)));
      const value = el('pre', 'dl-value', d.value === null || d.value === undefined ? '(no value)' : text(d.value));
      li.append(head, el('div', 'dl-reason', text(d.reason)), value);
      if (d.value_truncated) li.append(el('div', 'muted', `preview of ${count(d.value_bytes)} bytes`));
      return li;
    }));
  }
}
