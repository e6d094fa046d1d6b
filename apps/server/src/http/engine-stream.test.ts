import type http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineSockets } from './engine-sockets.ts';
import { type StandInEngine, standInEngine } from './stand-in-engine.ts';
import { type EngineStream, engineStream } from './engine-stream.ts';

const collect = async (s: EngineStream) => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

/** A streamed engine response read off a raw connection, against a stand-in server on a unix socket. */
describe('engineStream', () => {
  let engine: StandInEngine;
  let pool: EngineSockets;
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;

  beforeEach(async () => {
    engine = standInEngine((req, res) => handler(req, res));
    await engine.listen();
    pool = new EngineSockets({ connect: () => net.connect(engine.socket) });
  });
  afterEach(async () => {
    pool.close();
    await engine.close();
  });

  it('hands over the body without its chunk framing, in pieces far larger than the chunks', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.docker.raw-stream' });
      for (let i = 0; i < 20_000; i++) res.write(`line ${i}\n`);
      res.end();
    };
    const s = await engineStream(pool, '/containers/x/logs');
    expect(s.statusCode).toBe(200);
    expect(s.headers['content-type']).toBe('application/vnd.docker.raw-stream');
    let pieces = 0;
    const parts: Buffer[] = [];
    s.on('data', (c: Buffer) => {
      pieces++;
      parts.push(c);
    });
    await new Promise((r) => s.once('end', r));
    const text = Buffer.concat(parts).toString();
    expect(text).toBe(Array.from({ length: 20_000 }, (_, i) => `line ${i}\n`).join(''));
    expect(pieces).toBeLessThan(2000);
  });

  it('reuses the connection for the next call, and retries once when the engine had dropped it', async () => {
    const served = new WeakMap<net.Socket, number>();
    handler = (req, res) => {
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      // The third request on a connection finds it dropped (as if the engine had timed it out).
      if (n === 3) return req.socket.destroy();
      res.end(JSON.stringify({ n }));
    };
    const bodies: string[] = [];
    for (let i = 0; i < 3; i++) bodies.push((await collect(await engineStream(pool, '/info'))).toString());
    expect(bodies).toEqual(['{"n":1}', '{"n":2}', '{"n":1}']);
    expect(engine.connections).toHaveLength(2);
  });

  it('gives error answers with their status and body; rejects when the engine is not there', async () => {
    handler = (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"No such container: x"}');
    };
    const s = await engineStream(pool, '/containers/x/logs');
    expect(s.statusCode).toBe(404);
    expect((await collect(s)).toString()).toBe('{"message":"No such container: x"}');
    const nowhere = new EngineSockets({ connect: () => net.connect(path.join(engine.dir, 'none.sock')) });
    await expect(engineStream(nowhere, '/_ping')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('destroying the stream ends the engine call; an engine that breaks off errors the stream', async () => {
    let ended: Promise<void> = Promise.resolve();
    handler = (req, res) => {
      ended = new Promise((resolve) => res.on('close', () => resolve()));
      res.writeHead(200);
      res.write('first\n');
      if (req.url === '/broken') setTimeout(() => req.socket.destroy(), 20);
    };
    const follow = await engineStream(pool, '/follow');
    await new Promise((r) => follow.once('data', r));
    follow.destroy();
    await ended;
    const broken = await engineStream(pool, '/broken');
    await expect(collect(broken)).rejects.toThrow(/closed the connection/);
  });
});
