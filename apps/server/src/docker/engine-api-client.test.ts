import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { standInEngine } from '../http/stand-in-engine.ts';
import { Engine } from './engine.ts';

/**
 * The engine client against a stand-in engine on a unix socket (what a real engine does is the
 * integration tests' business): deadlines, error answers, streams, uploads.
 */
describe('Engine (the EngineApi client)', () => {
  const seen: string[] = [];
  const standIn = standInEngine((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://docker');
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/_ping') return res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('OK');
    if (url.pathname === '/containers/web/json') return json(200, { Id: 'abc', State: { Running: true } });
    if (url.pathname === '/containers/gone/json') return json(404, { message: 'No such container: gone' });
    if (url.pathname === '/containers/busy/json') return json(409, { message: 'Conflict. The container is busy' });
    if (url.pathname === '/containers/plain/json') return res.writeHead(500).end('  page not found \n');
    if (url.pathname === '/containers/slow/json') return; // never answers
    if (url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`${JSON.stringify({ Type: 'container', time: 1 })}\n`);
      return; // stays open like the engine's event stream
    }
    if (url.pathname === '/containers/web/archive' && req.method === 'PUT') {
      let bytes = 0;
      req.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      req.on('end', () => json(200, { bytes }));
      return;
    }
    if (url.pathname === '/containers/ro/archive' && req.method === 'PUT')
      return json(403, { message: 'container rootfs is marked read-only' });
    return json(404, { message: `page not found: ${url.pathname}` });
  });
  const engine = new Engine('test', `unix://${standIn.socket}`);

  beforeAll(() => standIn.listen());
  afterAll(async () => {
    engine.close();
    await standIn.close();
  });

  it('reads a JSON answer, and the ping’s plain OK', async () => {
    expect(await engine.inspectContainer('web')).toMatchObject({ Id: 'abc' });
    await engine.ping();
    expect(await engine.reachable()).toEqual({ reachable: true });
  });

  it('keeps the engine’s status and message: 404 stays 404, 409 stays 409, plain text is read', async () => {
    await expect(engine.inspectContainer('gone')).rejects.toEqual(new ApiError(404, 'No such container: gone'));
    await expect(engine.inspectContainer('busy')).rejects.toEqual(new ApiError(409, 'Conflict. The container is busy'));
    await expect(engine.inspectContainer('plain')).rejects.toEqual(new ApiError(500, 'page not found'));
  });

  it('gives up on a call that does not answer by its deadline', async () => {
    const started = Date.now();
    const err = await engine.inspectContainer('slow', { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(err).toEqual(new ApiError(504, 'inspect timed out after 0.2 s'));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps a stream open past the connect deadline once the engine answered', async () => {
    const stream = await engine.events({ since: 0 }, { timeoutMs: 200 });
    let text = '';
    stream.setEncoding('utf8').on('data', (s: string) => {
      text += s;
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(stream.destroyed).toBe(false);
    expect(text).toContain('"Type":"container"');
    stream.destroy();
    expect(seen).toContain('GET /events?since=0');
  });

  it('streams an upload and reads the engine’s refusal', async () => {
    await engine.putArchive('web', '/tmp', Readable.from([Buffer.alloc(1000), Buffer.alloc(24)]), { idleMs: 5000, length: 1024 });
    expect(seen).toContain('PUT /containers/web/archive?path=%2Ftmp&noOverwriteDirNonDir=1');
    await expect(engine.putArchive('ro', '/', Readable.from([Buffer.alloc(10)]), { idleMs: 5000 })).rejects.toEqual(
      new ApiError(403, 'container rootfs is marked read-only'),
    );
  });

  it('answers 503 for an engine that is not there', async () => {
    const missing = new Engine('missing', `unix://${path.join(standIn.dir, 'nothing.sock')}`);
    await expect(missing.ping()).rejects.toEqual(new ApiError(503, 'The Docker engine is not reachable (ENOENT)'));
    expect(await missing.reachable()).toEqual({ reachable: false, message: 'The Docker engine is not reachable (ENOENT)' });
    missing.close();
  });
});
