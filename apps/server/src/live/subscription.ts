import type { ServerMessage, TopicItem } from '@porthole/shared/live';

/**
 * How a subscription queues items for a client that reads slower than they arrive.
 * `latest`: only the newest item is kept (stats). `stream`: items queue up to `limit`; beyond
 * it they are dropped and counted, and the client gets `{type:'skipped', count}` where they
 * were dropped, i.e. before the next items it receives (logs, events).
 */
export type Delivery = { kind: 'latest' } | { kind: 'stream'; limit: number };

/** Everything but data: state, skipped, end, error. */
type ControlMessage = Exclude<ServerMessage, { type: 'data' }>;
/** What a queue sends: its data frames (items of its topic) and control messages. */
export type QueuedMessage<I> = ControlMessage | { type: 'data'; id: string; items: I[] };

type Entry<I> = { items: I[] } | { control: ControlMessage };

/**
 * The bounded per-(client, subscription) queue. Data and control messages (state, end, …) leave
 * in the order they arrived, so a subscriber sees `state: live` before the data that follows it
 * and `end` after the last data.
 */
export class SubscriptionQueue<I = TopicItem> {
  private entries: Entry<I>[] = [];
  private size = 0;
  private dropped = 0;

  constructor(
    readonly id: string,
    private readonly delivery: Delivery,
  ) {}

  push(item: I): void {
    if (this.delivery.kind === 'latest') {
      this.entries = this.entries.filter((e) => !('items' in e));
      this.entries.push({ items: [item] });
      this.size = 1;
      return;
    }
    if (this.size >= this.delivery.limit) {
      this.dropped++;
      return;
    }
    this.flushDropped();
    const last = this.entries.at(-1);
    if (last && 'items' in last) last.items.push(item);
    else this.entries.push({ items: [item] });
    this.size++;
  }

  /** State/end/error messages are never dropped (there are few of them). */
  pushControl(msg: ControlMessage): void {
    this.flushDropped();
    this.entries.push({ control: msg });
  }

  /** Data items waiting. */
  get length(): number {
    return this.size;
  }

  get pending(): boolean {
    return this.entries.length > 0 || this.dropped > 0;
  }

  /** The frames to send now, in order, with at most `maxItems` data items in all. */
  drain(maxItems: number): QueuedMessage<I>[] {
    const out: QueuedMessage<I>[] = [];
    let budget = maxItems;
    while (this.entries.length > 0) {
      const entry = this.entries[0] as Entry<I>;
      if ('control' in entry) {
        out.push(entry.control);
        this.entries.shift();
        continue;
      }
      if (budget === 0) return out;
      const batch = entry.items.length <= budget ? entry.items : entry.items.splice(0, budget);
      if (batch === entry.items) this.entries.shift();
      budget -= batch.length;
      this.size -= batch.length;
      out.push({ type: 'data', id: this.id, items: batch });
    }
    this.flushDropped();
    const marker = this.entries.shift();
    if (marker && 'control' in marker) out.push(marker.control);
    return out;
  }

  /** Puts the skipped marker where the dropped items would have been. */
  private flushDropped(): void {
    if (this.dropped === 0) return;
    this.entries.push({ control: { type: 'skipped', id: this.id, count: this.dropped } });
    this.dropped = 0;
  }
}
