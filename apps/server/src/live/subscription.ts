import type { ServerMessage } from '@porthole/shared/live';

/**
 * How a subscription queues items for a client that reads slower than they arrive.
 * `latest`: only the newest item is kept (stats). `stream`: items queue up to `limit`; beyond
 * it they are dropped and counted, and the client gets `{type:'skipped', count}` before the
 * next items it receives (logs). `lossless`: like stream with a large bound (events).
 */
export type Delivery = { kind: 'latest' } | { kind: 'stream'; limit: number };

/** The bounded per-(client, subscription) queue. */
export class SubscriptionQueue {
  private items: unknown[] = [];
  private dropped = 0;
  private control: ServerMessage[] = [];

  constructor(
    readonly id: string,
    private readonly delivery: Delivery,
  ) {}

  push(item: unknown): void {
    if (this.delivery.kind === 'latest') {
      this.items = [item];
    } else if (this.items.length < this.delivery.limit) {
      this.items.push(item);
    } else {
      this.dropped++;
    }
  }

  /** State/end/error messages are never dropped (there are few of them). */
  pushControl(msg: ServerMessage): void {
    this.control.push(msg);
  }

  get pending(): boolean {
    return this.items.length > 0 || this.dropped > 0 || this.control.length > 0;
  }

  /** The frames to send now, in order: skipped marker, data batch, control messages. */
  drain(maxItems: number): ServerMessage[] {
    const out: ServerMessage[] = [];
    if (this.dropped > 0) {
      out.push({ type: 'skipped', id: this.id, count: this.dropped });
      this.dropped = 0;
    }
    if (this.items.length > 0) {
      const batch = this.items.length <= maxItems ? this.items : this.items.slice(0, maxItems);
      this.items = this.items.length <= maxItems ? [] : this.items.slice(maxItems);
      out.push({ type: 'data', id: this.id, items: batch });
    }
    // Control messages follow the data that preceded them.
    if (this.items.length === 0) {
      out.push(...this.control);
      this.control = [];
    }
    return out;
  }
}
