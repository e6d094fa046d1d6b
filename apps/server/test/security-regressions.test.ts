import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestServer, startServer, waitFor } from './harness.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/**
 * Route parameters that Porthole puts into Engine API URLs as they are (dockerode does not encode
 * them): found by the fuzz as 500s (a space makes Node refuse the request path) and as calls to
 * other engine endpoints (`json?` made the image analysis list images). They are refused with 400.
 */
describe('engine-bound route parameters', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    token = await server.createToken(await server.login(), 'params');
  });
  afterAll(() => server.close());

  // The slash cases: the engine answers paths with empty or dot segments with a 301, which
  // docker-modem follows to `http:/images/…` — a DNS lookup of "images" whose error nobody
  // handles: the process died (found by the fuzz: `GET /api/engines/local/images/zz%2FPv%2F/analysis`).
  const hostile = [
    'a%20b',
    '%C3%A9',
    'x%3F',
    'json%3F',
    'x%23y',
    'porthole-test%2Fbusybox%3Alatest%2Fhistory%3F',
    '%00',
    'zz%2FPv%2F',
    'x%2F%2Fimages%2Fy',
    'a%2F.%2Fb',
    'a%2F..%2F..%2Fcontainers%2Fx',
    'a%2F',
    'a%3A',
    'a%40',
  ];

  it('answers 400 for image refs and container ids a URL cannot carry as they are, never 500', async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (const ref of hostile) {
      for (const [method, path, body] of [
        ['GET', `/api/engines/local/images/${ref}/analysis`],
        ['GET', `/api/engines/local/images/${ref}/analysis/layers/0/tree`],
        ['GET', `/api/engines/local/images/${ref}/analysis/layers/0/file?path=/bin/sh`],
        ['POST', `/api/engines/local/containers/${ref}/doctor`, '{"target":"localhost"}'],
      ] as const) {
        const res = await fetch(server.url + path, { method, headers, body });
        expect(res.status, `${method} ${path}`).toBe(400);
        expect((await res.json()).message, path).toMatch(/Invalid request/);
      }
    }
    // Well-formed references still reach the engine (which knows no such image).
    for (const ref of [
      'porthole-test%2Fno-such-image:1',
      'registry.example:5000%2Fteam%2Fapp:v1.2-rc_3',
      `app@sha256:${'a'.repeat(64)}`,
      'sha256:0123abcd',
    ]) {
      const missing = await fetch(`${server.url}/api/engines/local/images/${ref}/analysis`, { headers });
      expect(missing.status, ref).toBe(404);
    }
  });
});

/**
 * Uploads that took the server process down with one authenticated request (before the files
 * routes read every body as a raw stream and handled every stream's error).
 */
describe('uploads that once took the server process down', () => {
  let server: ServerProcess;
  let token: string;

  // One process each: the first crash would otherwise fail the second test too.
  beforeEach(async () => {
    server = await startServerProcess({ LOG_LEVEL: 'warn' });
    token = await server.createToken(await server.login(), 'uploads');
  });
  afterEach(() => server?.stop());

  async function survives(contentType: string, body: Uint8Array<ArrayBuffer>) {
    const url = `${server.url}/api/engines/local/containers/porthole-fuzz-nonexistent-1/files?path=/tmp&name=x`;
    const res = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body }).catch(
      (err: Error) => err,
    );
    if (!(res instanceof Error)) await res.body?.cancel();
    // The crash comes right after the answer (or instead of it): watch for it for 3 s.
    await waitFor('the process to exit', () => server.child.exitCode !== null, 3000).catch(() => undefined);
    expect(server.child.exitCode, server.output().slice(-1500)).toBeNull();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(res instanceof Error ? res.message : res.status).toBe(404);
  }

  // PUT …/files with Content-Type: application/json and body `{}`: Fastify's JSON parser reads
  // the body first, putFile pipes the (already consumed) request into a tar entry declared with
  // Content-Length bytes → tar-stream "Size mismatch" emitted on the entry with no listener.
  it('an upload with a JSON (or text/plain) content type', () => survives('application/json', new TextEncoder().encode('{}')));

  // PUT …/files, octet-stream, correct Content-Length, ≥ ~1 MB (4 MB here), to a container that does not
  // exist: the engine answers 404 and closes; the pipeline into the engine request breaks and the
  // tar entry emits "StreamError: Writable stream closed" (PREMATURE_CLOSE) with no listener.
  it('a 4 MB upload to a container the engine refuses', () => survives('application/octet-stream', new Uint8Array(4_000_000)));
});
