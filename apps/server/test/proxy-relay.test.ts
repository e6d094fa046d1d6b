import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DockerTarget, FIXTURE_IMAGE, directDocker, docker, dockerOk, proxyDocker, spawnDocker, testRun } from './docker-cli.ts';
import { type TestServer, startServer, waitFor } from './harness.ts';

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A raw request to Porthole (no automatic Accept-Encoding or decompression, unlike fetch). */
function raw(
  url: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The Engine API relay against the real engine (issue 12, item 4): what the proxy must keep while
 * it relays bytes — statuses and the engine's own errors, Porthole's errors as JSON, streams both
 * ways, a client leaving, a revoked token ending a `docker logs -f`. In-process server (buildApp):
 * the same source the built server is bundled from.
 */
describe('the Engine API relay', () => {
  const run = testRun();
  let server: TestServer;
  let token: string;
  let proxy: DockerTarget;
  const direct = directDocker();
  let box: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-relay-'));
  const api = (p: string) => `${server.url}/api/engines/local/docker${p}`;
  const bearer = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    server = await startServer();
    token = await server.createToken(await server.login(), 'relay');
    proxy = proxyDocker(server.url, token);
    box = await run.startFixture(['sh', '-c', 'i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.1; done']);
  });
  afterAll(async () => {
    await run.cleanup();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("passes the engine's statuses, headers and error bodies unchanged", async () => {
    const ping = await raw(api('/_ping'), bearer(), 'HEAD');
    expect(ping.status).toBe(200);
    expect(ping.headers['api-version']).toMatch(/^1\.\d+$/);
    const missing = await raw(api(`/containers/porthole-test-missing-${run.runId}/json`), bearer());
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/json');
    expect(JSON.parse(missing.body.toString())).toEqual({ message: `No such container: porthole-test-missing-${run.runId}` });
    const again = await fetch(api(`/containers/${box}/start`), { method: 'POST', headers: bearer() });
    expect(again.status).toBe(304);
    const list = await fetch(api(`/containers/json?filters=${encodeURIComponent(JSON.stringify({ label: [run.runLabel] }))}`), {
      headers: bearer(),
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as Array<{ Id: string }>).map((c) => c.Id)).toEqual([box]);
  });

  it("answers Porthole's own errors as {message} JSON, exactly application/json", async () => {
    const unknown = await fetch(`${server.url}/api/engines/nope/docker/_ping`, { headers: bearer() });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/json');
    expect(await unknown.json()).toEqual({ message: 'Unknown engine "nope"' });
    const nowhere = await startServer({ DOCKER_HOST: `unix://${path.join(dir, 'no-engine.sock')}` });
    try {
      const t = await nowhere.createToken(await nowhere.login(), 'nowhere');
      const res = await fetch(`${nowhere.url}/api/engines/local/docker/_ping`, { headers: { authorization: `Bearer ${t}` } });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(((await res.json()) as { message: string }).message).toMatch(/^The Docker engine is not reachable \(ENOENT\)$/);
    } finally {
      await nowhere.close();
    }
  });

  it('docker cp of 20 MB into a container and out of it gives the same bytes as the socket; no gzip for a local client', async () => {
    const file = path.join(dir, 'blob.bin');
    fs.writeFileSync(file, crypto.randomBytes(20 << 20));
    await dockerOk(proxy, ['cp', file, `${box}:/blob.bin`], { timeoutMs: 120_000 });
    const out = [path.join(dir, 'via-proxy'), path.join(dir, 'via-socket')];
    for (const d of out) fs.mkdirSync(d);
    await dockerOk(proxy, ['cp', `${box}:/blob.bin`, out[0] as string], { timeoutMs: 120_000 });
    await dockerOk(direct, ['cp', `${box}:/blob.bin`, out[1] as string], { timeoutMs: 120_000 });
    expect(sha(path.join(out[0] as string, 'blob.bin'))).toBe(sha(file));
    expect(sha(path.join(out[1] as string, 'blob.bin'))).toBe(sha(file));
    // The CLI asks a TCP engine for gzip; from this machine the engine is not asked to compress.
    const archive = await raw(api(`/containers/${box}/archive?path=/blob.bin`), { ...bearer(), 'accept-encoding': 'gzip' });
    expect(archive.status).toBe(200);
    expect(archive.headers['content-encoding']).toBeUndefined();
    expect(archive.body.length).toBeGreaterThan(20 << 20);
  });

  it('a client that leaves ends its engine call (counted as 499)', async () => {
    const metric = async () => {
      const text = await (await fetch(`${server.url}/api/metrics`, { headers: bearer() })).text();
      const m = /^porthole_http_requests_total\{method="GET",route="\/api\/engines\/:engine\/docker\/\*",status="499"\} (\d+)$/m.exec(text);
      return Number(m?.[1] ?? 0);
    };
    const before = await metric();
    const client = new AbortController();
    const res = await fetch(api(`/containers/${box}/logs?follow=1&stdout=1&tail=1`), { headers: bearer(), signal: client.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('tick');
    client.abort();
    await waitFor('the call to end as 499', async () => (await metric()) === before + 1, 5000);
  });

  it('deleting the token ends its `docker logs -f` through Porthole within 1 s', async () => {
    const cookie = await server.login();
    const created = await server.fetch('/api/tokens', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'logs-f' }),
    });
    const { id, token: logsToken } = (await created.json()) as { id: number; token: string };
    const cli = spawnDocker(proxyDocker(server.url, logsToken), ['logs', '-f', '--tail', '1', box]);
    let out = '';
    cli.stdout?.setEncoding('utf8').on('data', (s: string) => {
      out += s;
    });
    const exited = new Promise<void>((resolve) => cli.once('exit', () => resolve()));
    try {
      await waitFor('lines through logs -f', () => out.split('\n').length > 3, 15_000);
      const deleted = Date.now();
      expect((await server.fetch(`/api/tokens/${id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      expect(cli.exitCode ?? cli.signalCode, 'the CLI is still running').not.toBeNull();
      expect(Date.now() - deleted).toBeLessThan(1000);
    } finally {
      cli.kill('SIGKILL');
    }
    expect((await docker(proxyDocker(server.url, logsToken), ['ps'])).code).not.toBe(0);
  });

  it('docker run, logs of 20,000 lines and rm through the relay match the socket', async () => {
    const id = (await dockerOk(proxy, ['run', '-d', ...run.labelArgs, FIXTURE_IMAGE, 'seq', '1', '20000'])).trim();
    await dockerOk(direct, ['wait', id]);
    const viaProxy = await dockerOk(proxy, ['logs', id]);
    expect(viaProxy.split('\n')).toHaveLength(20001);
    expect(viaProxy).toBe(await dockerOk(direct, ['logs', id]));
    expect((await dockerOk(proxy, ['rm', id])).trim()).toBe(id);
  });
});
