import { randomBytes } from 'node:crypto';
import net from 'node:net';

/** One HTTP answer read off a raw socket. */
export interface RawResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

/**
 * A request written byte for byte (fetch and http.request normalise or refuse what these tests
 * need to send: absolute-form targets, backslashes, a foreign or empty `Host`).
 */
export function requestText(method: string, target: string, headers: Record<string, string>, body = ''): string {
  let text = `${method} ${target} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
  if (body || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method)) text += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  return `${text}Connection: close\r\n\r\n${body}`;
}

/** The headers of a websocket upgrade (the handshake a browser sends). */
export function upgradeHeaders(host: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Host: host,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...extra,
  };
}

/** An upgrade request (no `Connection: close`: the server decides whether the socket stays). */
export function upgradeText(target: string, headers: Record<string, string>): string {
  let text = `GET ${target} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
  return `${text}\r\n`;
}

function parseHead(head: string): { status: number; headers: Record<string, string> } {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!m) throw new Error(`not an HTTP answer: ${JSON.stringify(statusLine.slice(0, 100))}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { status: Number(m[1]), headers };
}

function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const size = Number.parseInt(data.subarray(at, eol).toString(), 16);
    if (!Number.isFinite(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    if (data.length < eol + 2 + size + 2) return undefined;
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/**
 * Sends `request` on a fresh connection to 127.0.0.1:port and reads one answer: complete at its
 * Content-Length, its last chunk, a 101 (the socket is then closed by us), or the server closing.
 */
export function rawRequest(
  port: number,
  request: string | Buffer,
  opts: { timeoutMs?: number; head?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let parsed: { status: number; headers: Record<string, string>; bodyAt: number } | undefined;
    let settled = false;
    const finish = (err: Error | undefined, res?: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(res as RawResponse);
    };
    const timer = setTimeout(
      () => finish(new Error(`no complete answer within ${opts.timeoutMs ?? 10_000} ms: ${JSON.stringify(data.toString().slice(0, 200))}`)),
      opts.timeoutMs ?? 10_000,
    );
    const tryComplete = (closed: boolean) => {
      if (!parsed) {
        const end = data.indexOf('\r\n\r\n');
        if (end < 0) {
          if (closed) finish(new Error(`connection closed without an answer: ${JSON.stringify(data.toString().slice(0, 200))}`));
          return;
        }
        try {
          parsed = { ...parseHead(data.subarray(0, end).toString('latin1')), bodyAt: end + 4 };
        } catch (err) {
          return finish(err as Error);
        }
      }
      const { status, headers, bodyAt } = parsed;
      const body = data.subarray(bodyAt);
      const done = (b: Buffer) => finish(undefined, { status, headers, body: b.toString('utf8') });
      if (status === 101 || status === 204 || status === 304 || opts.head) return done(Buffer.alloc(0));
      if (headers['content-length'] !== undefined) {
        const length = Number(headers['content-length']);
        if (body.length >= length) return done(body.subarray(0, length));
      } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
        const whole = dechunk(body);
        if (whole) return done(whole);
      }
      if (closed) done(body);
    };
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      tryComplete(false);
    });
    socket.on('close', () => tryComplete(true));
    socket.on('error', (err) => {
      // A server that answers and closes before reading all we sent resets the connection.
      if (!parsed && data.indexOf('\r\n\r\n') < 0) finish(err);
    });
    socket.write(request);
  });
}

/** Runs `fn` over `items` with at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
