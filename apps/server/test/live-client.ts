import type { ServerMessage } from '@porthole/shared/live';
import WebSocket from 'ws';

/** A test client of `/api/ws`: collects every message and subscribes by id. */
export interface LiveClient {
  ws: WebSocket;
  messages: ServerMessage[];
  subscribe(id: string, topic: string, params?: Record<string, unknown>, engine?: string): void;
  unsubscribe(id: string): void;
  /** Data items of one subscription, in arrival order. */
  items<T>(id: string): T[];
  close(): void;
}

export function openLiveClient(serverUrl: string, cookie: string): Promise<LiveClient> {
  return openLiveClientWith(serverUrl, { cookie, origin: serverUrl });
}

/** A client signed in by the given headers, e.g. `{ authorization: 'Bearer …' }` (no cookie, no Origin needed). */
export function openLiveClientWith(serverUrl: string, headers: Record<string, string>): Promise<LiveClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${serverUrl.replace('http:', 'ws:')}/api/ws`, { headers });
    const messages: ServerMessage[] = [];
    ws.on('message', (raw) => messages.push(JSON.parse(raw.toString()) as ServerMessage));
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        subscribe: (id, topic, params = {}, engine = 'local') => ws.send(JSON.stringify({ type: 'subscribe', id, engine, topic, params })),
        unsubscribe: (id) => ws.send(JSON.stringify({ type: 'unsubscribe', id })),
        items: <T>(id: string) => messages.flatMap((m) => (m.type === 'data' && m.id === id ? (m.items as T[]) : [])),
        close: () => ws.close(),
      }),
    );
  });
}

/** The `porthole_upstream_streams` gauge per topic, read from /api/metrics. */
export async function upstreamGauge(serverUrl: string, cookie: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${serverUrl}/api/metrics`, { headers: { cookie } })).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^porthole_upstream_streams\{topic="([^"]+)",engine="[^"]+"\} (\d+)$/gm)) {
    out[m[1] as string] = (out[m[1] as string] ?? 0) + Number(m[2]);
  }
  return out;
}
