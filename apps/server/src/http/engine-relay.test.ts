import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relay } from './engine-relay.ts';
import { EngineSockets } from './engine-sockets.ts';

/**
 * The relay's mechanics, against a stand-in HTTP server on a unix socket (what it must do with
 * bytes, connections and failures; the docker CLI through the real engine is in
 * test/docker-cli.test.ts and test/proxy-relay.test.ts).
 */
describe('relay', () => {
  let dir: string;
  let engine: http.Server;
  let front: http.Server;
  let pool: EngineSockets;
  let base: string;
  let engineHandler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  const engineConnections: net.Socket[] = [];
  const results: number[] = [];

  const listen = (server: http.Server | net.Server, where: string | number) =>
    new Promise<void>((resolve) => server.listen(where as number, '127.0.0.1', () => resolve()));

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-relay-'));
    const sock = path.join(dir, 'engine.sock');
    engineConnections.length = 0;
    results.length = 0;
    engine = http.createServer((req, res) => engineHandler(req, res));
    engine.on('connection', (s: net.Socket) => engineConnections.push(s));
    await new Promise<void>((resolve) => engine.listen(sock, () => resolve()));
    pool = new EngineSockets({ connect: () => net.connect(sock) });
    front = http.createServer((req, res) => {
      relay(req, res, { method: req.method ?? 'GET', path: req.url ?? '/', dropAcceptEncoding: true }, pool, {
        done: (status) => results.push(status),
        failed: () => {},
      });
    });
    await listen(front, 0);
    base = `http://127.0.0.1:${(front.address() as net.AddressInfo).port}`;
  });
  afterEach(async () => {
    pool.close();
    front.closeAllConnections();
    engine.closeAllConnections();
    await new Promise((r) => front.close(r));
    await new Promise((r) => engine.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes status, headers and body; forwards no credentials, no hop-by-hop headers, no Accept-Encoding', async () => {
    let seen: http.IncomingHttpHeaders = {};
    engineHandler = (req, res) => {
      seen = req.headers;
      res.writeHead(409, { 'content-type': 'application/json', 'x-engine': 'yes' });
      res.end(JSON.stringify({ message: 'Conflict' }));
    };
    const res = await fetch(`${base}/v1.41/containers/x/start?a=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret', cookie: 'c=1', 'accept-encoding': 'gzip', 'x-registry-auth': 'abc' },
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-engine')).toBe('yes');
    expect(await res.json()).toEqual({ message: 'Conflict' });
    expect(seen.host).toBe('docker');
    expect(seen['x-registry-auth']).toBe('abc');
    for (const h of ['authorization', 'cookie', 'accept-encoding']) expect(seen[h]).toBeUndefined();
    expect(results).toEqual([409]);
  });

  it('relays chunked bodies as they came, both ways, and reuses one engine connection', async () => {
    engineHandler = (req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        // Many tiny chunks, like the engine's log frames.
        for (let i = 0; i < 5000; i++) res.write(`${i}\n`);
        res.end(`got ${Buffer.concat(parts).length}`);
      });
    };
    const upload = Buffer.alloc(3 << 20, 7);
    for (let round = 0; round < 3; round++) {
      const res = await fetch(`${base}/upload`, { method: 'PUT', body: new Blob([upload]).stream(), duplex: 'half' } as RequestInit);
      const text = await res.text();
      expect(text.split('\n')).toHaveLength(5001);
      expect(text.endsWith(`4999\ngot ${upload.length}`)).toBe(true);
    }
    expect(engineConnections).toHaveLength(1);
    expect(results).toEqual([200, 200, 200]);
  });

  it('answers 503 with a JSON message (exactly application/json) when the engine is not there', async () => {
    engine.close();
    fs.rmSync(path.join(dir, 'engine.sock'), { force: true });
    const res = await fetch(`${base}/_ping`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(((await res.json()) as { message: string }).message).toMatch(/The Docker engine is not reachable \(ENOENT\)/);
    expect(results).toEqual([503]);
  });

  it('retries once on a new connection when an idle pooled one was closed by the engine', async () => {
    // The engine drops a connection when a second request comes on it (as if it had timed it out).
    const served = new WeakSet<net.Socket>();
    engineHandler = (req, res) => {
      if (served.has(req.socket)) return req.socket.destroy();
      served.add(req.socket);
      res.end('pong');
    };
    expect(await (await fetch(`${base}/_ping`)).text()).toBe('pong');
    expect(await (await fetch(`${base}/_ping`)).text()).toBe('pong');
    expect(engineConnections).toHaveLength(2);
    expect(results).toEqual([200, 200]);
  });

  it('ends the engine call when the client goes away (499)', async () => {
    let engineSide: http.IncomingMessage | undefined;
    const closed = new Promise<void>((resolve) => {
      engineHandler = (req, res) => {
        engineSide = req;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"status":"start"}\n');
        res.on('close', () => resolve());
      };
    });
    const client = new AbortController();
    const res = await fetch(`${base}/events`, { signal: client.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('start');
    const t0 = Date.now();
    client.abort();
    await closed;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(engineSide).toBeDefined();
    await expect.poll(() => results).toEqual([499]);
  });

  it('an engine that breaks off its body cuts the client off (no truncated body looks complete)', async () => {
    engineHandler = (req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part');
      setTimeout(() => req.socket.destroy(), 20);
    };
    const res = await fetch(`${base}/archive`);
    await expect(res.text()).rejects.toThrow();
    expect(results).toEqual([200]);
  });

  it('an answer before the upload is read ends the call; the client connection still works', async () => {
    engineHandler = (req, res) => {
      if (req.url === '/small') return res.end('ok');
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"No such container"}');
    };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (pathname: string, body?: Buffer) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(`${base}${pathname}`, { method: body ? 'PUT' : 'GET', agent }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (s: string) => {
            text += s;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await send('/missing', Buffer.alloc(8 << 20))).toEqual({ status: 404, text: '{"message":"No such container"}' });
    expect(await send('/small')).toEqual({ status: 200, text: 'ok' });
    agent.destroy();
  });
});
