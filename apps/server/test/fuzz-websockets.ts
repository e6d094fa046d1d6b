import WebSocket from 'ws';
import type { Rng } from './fuzz-inputs.ts';
import { waitFor } from './harness.ts';

export interface FuzzOutcome {
  failures: string[];
  summary: Record<string, number>;
}

interface Socket {
  ws: WebSocket;
  texts: string[];
  binaries: number;
  pongs: number;
  closed?: { code: number; reason: string };
}

/** Opens a websocket; resolves with it, or with the HTTP status of a refused upgrade. */
function open(url: string, headers: Record<string, string>): Promise<Socket | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, maxPayload: 1 << 26 });
    const socket: Socket = { ws, texts: [], binaries: 0, pongs: 0 };
    ws.on('message', (data: Buffer, binary: boolean) => {
      if (binary) socket.binaries++;
      else socket.texts.push(data.toString());
      if (!binary && data.toString() === '{"type":"pong"}') socket.pongs++;
    });
    ws.on('close', (code, reason) => {
      socket.closed = { code, reason: reason.toString() };
    });
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', (err) => {
      if (ws.readyState !== WebSocket.OPEN) reject(err);
    });
  });
}

const SERVER_TYPES = new Set(['data', 'state', 'skipped', 'end', 'error', 'pong']);

function liveMessage(rng: Rng, n: number, container: string): string | Buffer {
  const nx = `porthole-fuzz-nonexistent-${rng.int(1e6)}`;
  const params = () =>
    rng.pick<unknown>([
      undefined,
      {},
      { container: nx },
      { container },
      { container: '../x' },
      { container: 'a'.repeat(300) },
      { container, request: `r${n}`, tail: rng.pick([0, 5, 'all', -1, 1e9, 'x']), search: { pattern: rng.pick(['a', '(a+)+$', '[', '']) } },
      { container, request: `r${n}`, since: rng.pick(['1h', 'x', '1e99', '2026-13-45']), stdout: 'yes' },
      [],
      'x',
      null,
      JSON.parse('{"__proto__":{"container":"x"}}'),
    ]);
  return rng.pick<() => string | Buffer>([
    () => rng.ascii(rng.int(100)),
    () => '{"type":',
    () => JSON.stringify({ type: rng.pick([1, null, 'SUBSCRIBE', 'sub', '', {}]) }),
    () =>
      JSON.stringify({ type: 'subscribe', id: rng.pick(['x', '', 'i'.repeat(65), 'i'.repeat(60_000)]), engine: 'local', topic: 'events' }),
    () =>
      JSON.stringify({
        type: 'subscribe',
        id: `t${rng.int(300)}`,
        engine: rng.pick(['local', 'local', 'nope', '', '../x', 'l'.repeat(100)]),
        topic: rng.pick(['events', 'stats', 'logs', 'logs-backfill', 'nope', '__proto__', 'constructor', 'toString']),
        params: params(),
      }),
    () => JSON.stringify({ type: 'unsubscribe', id: rng.pick([`t${rng.int(300)}`, '', 'x'.repeat(100), 5]) }),
    () => rng.bytes(1 + rng.int(2048)),
    () => JSON.stringify({ type: 'ping' }),
    () => 'x'.repeat(70_000),
    () => '['.repeat(5000) + ']'.repeat(5000),
    () => '{"__proto__":{"type":"ping"},"type":"ping"}',
    () => JSON.stringify({ type: 'subscribe', id: 'p', engine: 'local', topic: 'events', params: {}, extra: 1 }),
    () => JSON.stringify({ type: 'ping', id: '99999999999999999999' }),
  ])();
}

/** Sends a ping and waits for its pong; false if the socket closed instead. */
async function pingPong(s: Socket, what: string): Promise<boolean> {
  const before = s.pongs;
  s.ws.send('{"type":"ping"}');
  await waitFor(`a pong ${what}`, () => s.pongs > before || !!s.closed);
  return s.pongs > before;
}

function checkTexts(s: Socket, failures: string[], counts: Record<string, number>): void {
  for (const t of s.texts.splice(0)) {
    try {
      const m = JSON.parse(t) as { type?: string; message?: unknown };
      counts[`in:${m.type}`] = (counts[`in:${m.type}`] ?? 0) + 1;
      if (!SERVER_TYPES.has(m.type ?? '')) failures.push(`unknown server message ${t.slice(0, 200)}`);
      if (m.type === 'error' && (typeof m.message !== 'string' || /\n\s+at /.test(m.message)))
        failures.push(`bad error ${t.slice(0, 300)}`);
    } catch {
      failures.push(`not JSON from the server: ${t.slice(0, 200)}`);
    }
  }
  if (s.binaries) failures.push(`${s.binaries} binary frames from /api/ws`);
}

/** Random messages on `/api/ws` (2,000), then 10,000 subscribe messages on one socket. */
export async function fuzzLive(url: string, headers: Record<string, string>, rng: Rng, container: string): Promise<FuzzOutcome> {
  const failures: string[] = [];
  const counts: Record<string, number> = {};
  const wsUrl = `${url.replace('http:', 'ws:')}/api/ws`;
  const connect = async () => {
    const s = await open(wsUrl, headers);
    if (!('ws' in s)) throw new Error(`upgrade refused: ${s.status} ${s.body}`);
    return s;
  };
  let s = await connect();
  const recent: string[] = [];
  for (let n = 0; n < 2000; n++) {
    if (s.closed || s.ws.readyState !== WebSocket.OPEN) {
      failures.push(`live socket closed ${JSON.stringify(s.closed)} before message ${n}; the last ones: ${recent.join(' | ')}`);
      s = await connect();
    }
    const msg = liveMessage(rng, n, container);
    recent.push(`#${n} ${Buffer.isBuffer(msg) ? `<${msg.length} binary bytes>` : msg.slice(0, 160)}`);
    if (recent.length > 6) recent.shift();
    s.ws.send(msg, { binary: Buffer.isBuffer(msg) });
    counts.sent = (counts.sent ?? 0) + 1;
    if (msg.length > 64 * 1024) {
      // Over the 64 KB limit: the server closes the socket (1009; 1006 when our next frames were
      // still unread on its side as it closed). Expected; we reconnect.
      await waitFor('the close after an oversized message', () => !!s.closed);
      const code = s.closed?.code ?? 0;
      counts[`close:${code}`] = (counts[`close:${code}`] ?? 0) + 1;
      if (code !== 1009 && code !== 1006) failures.push(`oversized message: closed ${JSON.stringify(s.closed)}`);
      checkTexts(s, failures, counts);
      s = await connect();
    } else if (n % 100 === 99) {
      if (!(await pingPong(s, `after message ${n}`))) {
        failures.push(`no pong after message ${n}: ${JSON.stringify(s.closed)}; the last ones: ${recent.join(' | ')}`);
      }
      checkTexts(s, failures, counts);
    }
  }
  checkTexts(s, failures, counts);
  s.ws.close();

  const flood = await connect();
  for (let i = 0; i < 10_000; i++) {
    const params = i % 10 === 0 ? { container: `porthole-fuzz-nonexistent-${i}` } : {};
    flood.ws.send(JSON.stringify({ type: 'subscribe', id: `m${i}`, engine: 'local', topic: i % 10 === 0 ? 'stats' : 'events', params }));
  }
  if (!(await pingPong(flood, 'after 10,000 subscribe messages')))
    failures.push(`the flooded socket closed: ${JSON.stringify(flood.closed)}`);
  const refused = flood.texts.filter((t) => t.includes('Too many live subscriptions')).length;
  counts.floodRefused = refused;
  if (refused !== 10_000 - 256) failures.push(`10,000 subscribes: ${refused} refused, expected ${10_000 - 256}`);
  checkTexts(flood, failures, counts);
  flood.ws.close();
  return { failures, summary: counts };
}

/** Terminal sessions to the test's container with hostile queries, keystrokes and control messages. */
export async function fuzzTerminal(url: string, headers: Record<string, string>, rng: Rng, container: string): Promise<FuzzOutcome> {
  const failures: string[] = [];
  const counts: Record<string, number> = {};
  for (let n = 0; n < 16; n++) {
    const q = new URLSearchParams({ cmd: rng.pick(['cat', 'cat', 'cat', '"unterminated', 'porthole-no-such-binary', rng.ascii(20)]) });
    if (rng.bool(0.3)) q.set('user', rng.pick(['', 'root', 'nobody', '0:0', rng.ascii(10)]));
    if (rng.bool(0.3)) q.set('workdir', rng.pick(['/', '/nonexistent', rng.ascii(10)]));
    if (rng.bool(0.3)) q.set('cols', rng.pick(['80', '0', '1001', 'x', '-5']));
    const target = `${url.replace('http:', 'ws:')}/api/engines/local/containers/${container}/terminal?${q}`;
    const s = await open(target, headers);
    if (!('ws' in s)) {
      counts[`refused:${s.status}`] = (counts[`refused:${s.status}`] ?? 0) + 1;
      if (s.status !== 400) failures.push(`terminal ${q} → ${s.status} ${s.body.slice(0, 200)}`);
      continue;
    }
    for (let i = 0; i < 100 && s.ws.readyState === WebSocket.OPEN; i++) {
      const frame = rng.pick<() => [string | Buffer, boolean]>([
        () => [rng.bytes(1 + rng.int(4096)), true],
        () => [rng.ascii(rng.int(200)), false],
        () => [
          JSON.stringify({ type: 'resize', cols: rng.pick([1e300, -5, 0, 80, 1.5, 'x', null]), rows: rng.pick([1e300, -5, 24, '24']) }),
          false,
        ],
        () => [rng.pick(['{}', 'null', '[]', '{"type":"resize"}', '{"__proto__":{"type":"resize"}}']), false],
        () => ['x'.repeat(60_000), false],
      ])();
      s.ws.send(frame[0], { binary: frame[1] });
    }
    s.ws.close();
    await waitFor('the terminal to close', () => !!s.closed, 15_000).catch((err) => failures.push(String(err)));
    const code = s.closed?.code ?? 0;
    counts[`close:${code}`] = (counts[`close:${code}`] ?? 0) + 1;
    for (const t of s.texts) {
      try {
        const m = JSON.parse(t) as { type?: string; message?: unknown };
        counts[`in:${m.type}`] = (counts[`in:${m.type}`] ?? 0) + 1;
        if (m.type === 'error' && (typeof m.message !== 'string' || /\n\s+at /.test(m.message)))
          failures.push(`bad terminal error ${t.slice(0, 300)}`);
      } catch {
        failures.push(`terminal text frame is not JSON: ${t.slice(0, 200)}`);
      }
    }
  }
  return { failures, summary: counts };
}
