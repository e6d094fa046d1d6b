import type { ClientMessage, ServerMessage, TopicItem, TopicName, UpstreamState } from '@porthole/shared/live';
import { apiFetch } from './api-client.ts';

export type SocketStatus = 'connecting' | 'open' | 'closed';

/** What a subscription hears; `I` is its topic's item type (`TopicFrames` in packages/shared/src/live.ts). */
export interface SubscriptionHandlers<I = TopicItem> {
  onItems?(items: I[]): void;
  onState?(state: UpstreamState, message?: string): void;
  onSkipped?(count: number): void;
  onEnd?(): void;
  onError?(message: string): void;
}

interface Sub {
  msg: Extract<ClientMessage, { type: 'subscribe' }>;
  handlers: SubscriptionHandlers;
}

/**
 * The browser's one live websocket (`/api/ws`). Subscriptions survive reconnects: after the
 * socket comes back, every subscription is sent again. Reconnects back off from 0.5 s to 5 s.
 */
export class LiveSocket {
  private ws: WebSocket | undefined;
  private readonly subs = new Map<string, Sub>();
  private readonly statusListeners = new Set<(s: SocketStatus) => void>();
  private nextId = 1;
  private backoff = 500;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  status: SocketStatus = 'connecting';

  constructor(private readonly url = LiveSocket.defaultUrl()) {}

  static defaultUrl(): string {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.ws?.close();
    this.ws = undefined;
  }

  onStatus(fn: (s: SocketStatus) => void): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  subscribe<T extends TopicName>(
    engine: string,
    topic: T,
    params: Record<string, unknown>,
    handlers: SubscriptionHandlers<TopicItem<T>>,
  ): () => void {
    const id = `s${this.nextId++}`;
    const sub: Sub = { msg: { type: 'subscribe', id, engine, topic, params }, handlers };
    this.subs.set(id, sub);
    this.send(sub.msg);
    return () => {
      this.subs.delete(id);
      this.send({ type: 'unsubscribe', id });
    };
  }

  private setStatus(s: SocketStatus): void {
    this.status = s;
    for (const fn of this.statusListeners) fn(s);
  }

  private send(msg: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private open(): void {
    this.setStatus('connecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.backoff = 500;
      this.setStatus('open');
      for (const sub of this.subs.values()) this.send(sub.msg);
    };
    ws.onmessage = (ev) => this.dispatch(JSON.parse(String(ev.data)) as ServerMessage);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.setStatus('closed');
      if (this.stopped) return;
      // Closed by the server because the session ended (sign-out elsewhere, revoked, user disabled):
      // a 401 here signs the page out (api-client's `porthole:unauthorized`) instead of reconnecting forever.
      void apiFetch('/api/auth/me').catch(() => undefined);
      this.reconnectTimer = setTimeout(() => this.open(), this.backoff);
      this.backoff = Math.min(this.backoff * 2, 5000);
    };
  }

  private dispatch(msg: ServerMessage): void {
    if (msg.type === 'pong') return;
    const sub = msg.id ? this.subs.get(msg.id) : undefined;
    if (!sub) {
      if (msg.type === 'error') console.warn('live socket:', msg.message);
      return;
    }
    const h = sub.handlers;
    switch (msg.type) {
      case 'data':
        h.onItems?.(msg.items);
        break;
      case 'state':
        h.onState?.(msg.state, msg.message);
        break;
      case 'skipped':
        h.onSkipped?.(msg.count);
        break;
      case 'end':
        h.onEnd?.();
        break;
      case 'error':
        h.onError?.(msg.message);
        break;
    }
  }
}
