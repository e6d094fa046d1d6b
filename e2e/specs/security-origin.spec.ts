import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { signIn } from '../support/session.ts';

/** A one-file build context (`FROM porthole-test/busybox`), as a tar, for the forged build. */
function buildContext(): Buffer {
  const dockerfile = Buffer.from(`FROM ${E2E.fixtureImage}\nLABEL porthole.test=1\n`);
  const header = Buffer.alloc(512);
  header.write('Dockerfile', 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${dockerfile.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const body = Buffer.alloc(Math.ceil(dockerfile.length / 512) * 512);
  dockerfile.copy(body);
  return Buffer.concat([header, body, Buffer.alloc(1024)]);
}

/**
 * A page on another port of the same host: same *site* as Porthole (SameSite=Strict cookies go
 * along), different *origin*. Everything it tries must fail, and the same request from Porthole's
 * own page must work (so the attempts were real).
 */
function attackerPage(porthole: string, container: string, tag: string, run: string): string {
  const ctx = buildContext().toString('base64');
  const volumePrune = `${porthole}/api/engines/local/docker/volumes/prune?filters=${encodeURIComponent(JSON.stringify({ label: [run] }))}`;
  return `<!doctype html><title>not Porthole</title>
<form id="f" method="POST" target="sink" action="${porthole}/api/engines/local/docker/containers/${container}/kill"></form>
<iframe name="sink"></iframe>
<script>
window.results = {};
const P = ${JSON.stringify(porthole)};
const send = (name, url, init) => fetch(url, { credentials: 'include', mode: 'no-cors', ...init })
  .then(() => { results[name] = 'sent'; }, (e) => { results[name] = 'error ' + e; });
const ws = (name, url) => new Promise((resolve) => {
  const s = new WebSocket(url);
  s.onopen = () => { results[name] = 'open'; s.close(); resolve(); };
  s.onclose = () => { results[name] ??= 'refused'; resolve(); };
});
const ctx = Uint8Array.from(atob(${JSON.stringify(ctx)}), (c) => c.charCodeAt(0));
window.attack = Promise.all([
  send('stop', P + '/api/engines/local/docker/containers/${container}/stop?t=0', { method: 'POST' }),
  send('build', P + '/api/engines/local/docker/build?t=${tag}', { method: 'POST', body: new Blob([ctx], { type: 'text/plain' }) }),
  send('prune', ${JSON.stringify(volumePrune)}, { method: 'POST' }),
  send('token', P + '/api/tokens', { method: 'POST', body: '{"name":"csrf"}', headers: { 'content-type': 'text/plain' } }),
  send('logout', P + '/api/auth/logout', { method: 'POST' }),
  ws('live', P.replace('http:', 'ws:') + '/api/ws'),
  ws('terminal', P.replace('http:', 'ws:') + '/api/engines/local/containers/${container}/terminal?cmd=sh'),
]).then(() => { document.getElementById('f').submit(); return new Promise((r) => setTimeout(r, 500)); });
</script>`;
}

test.afterAll(async () => {
  await cleanupRun();
});

test('security: a page on another 127.0.0.1 port can change nothing and open no websocket with the session cookie', async ({ page }) => {
  const name = `pt-e2e-csrf-${Date.now()}`;
  const id = await runFixture(name);
  const volume = `pt-e2e-csrf-vol-${Date.now()}`;
  await docker(['volume', 'create', '--label', 'porthole.test=1', '--label', E2E.runLabel, volume]);
  const tag = `porthole-test/csrf:${Date.now()}`;

  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(attackerPage(E2E.baseURL, id, tag, E2E.runLabel));
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
  try {
    await signIn(page);
    await page.goto(attackerUrl);
    await page.evaluate(() => (window as unknown as { attack: Promise<void> }).attack);
    const results = await page.evaluate(() => (window as unknown as { results: Record<string, string> }).results);
    // No websocket opened. (The fetches' answers are unreadable to the page either way:
    // Cross-Origin-Resource-Policy makes them network errors.)
    for (const k of ['stop', 'build', 'prune', 'token', 'logout']) expect(results[k], k).toMatch(/^(sent|error)/);
    expect(results.live).toBe('refused');
    expect(results.terminal).toBe('refused');

    // Every attempt reached Porthole with the cookie and was refused for its origin.
    const metrics = await (await page.request.get('/api/metrics')).text();
    const refused = (route: string) =>
      [...metrics.matchAll(/^porthole_http_requests_total\{method="(\w+)",route="([^"]+)",status="403"\} (\d+)/gm)]
        .filter((m) => m[2] === route)
        .reduce((n, m) => n + Number(m[3]), 0);
    expect(refused('/api/engines/:engine/docker/*')).toBeGreaterThanOrEqual(4); // stop, build, prune, form kill
    expect(refused('/api/auth/logout')).toBeGreaterThanOrEqual(1);

    // Nothing happened on the engine or in Porthole.
    expect(await docker(['inspect', '-f', '{{.State.Running}}', id])).toBe('true');
    expect(await docker(['images', '-q', tag])).toBe('');
    expect(await docker(['volume', 'ls', '-q', '--filter', `name=${volume}`])).toBe(volume);
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible(); // still signed in
    await expect(page.getByRole('table', { name: 'API tokens' }).or(page.getByText('No tokens yet'))).toBeVisible();
    await expect(page.getByRole('cell', { name: 'csrf', exact: true })).toHaveCount(0);

    // The same request from Porthole's own page works: the cookie went along, only the origin differed.
    const status = await page.evaluate(
      (url) => fetch(url, { method: 'POST', credentials: 'same-origin' }).then((r) => r.status),
      `/api/engines/local/docker/containers/${id}/stop?t=0`,
    );
    expect(status).toBe(204);
    await expect.poll(() => docker(['inspect', '-f', '{{.State.Running}}', id])).toBe('false');
  } finally {
    attacker.close();
    await docker(['rmi', '-f', tag]).catch(() => undefined);
  }
});
