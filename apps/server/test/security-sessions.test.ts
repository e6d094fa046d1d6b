import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { directDocker, docker, dockerOk, proxyDocker, testRun } from './docker-cli.ts';
import { ADMIN_PASSWORD, callJson, waitFor } from './harness.ts';
import { closedAfter, openAnsweringShell } from './terminal-client.ts';
import { openLiveClient } from './live-client.ts';
import { useTestServer } from './support/server-fixture.ts';

/**
 * Security issue, acceptance 8 (and the session rules): signing out closes the terminal and the
 * live socket it opened within 1 s; a deleted token's hijacked `docker exec -it` ends within 1 s;
 * a password change ends the other sessions; the docker CLI prints a bad token's 401 as one line.
 */
describe('sessions end what they opened', () => {
  let id: string;
  const run = testRun();
  const t = useTestServer({ run, signIn: false });

  beforeAll(async () => {
    id = await run.startFixture(['sh', '-c', 'i=0; while :; do i=$((i+1)); echo tick-$i; sleep 0.2; done']);
  });

  it('signing out closes an open terminal and the live logs socket within 1 s', async () => {
    const cookie = await t.server.login();
    const live = await openLiveClient(t.server.url, cookie);
    live.subscribe('l', 'logs', { container: id });
    await waitFor('live log lines', () => live.items<unknown>('l').length > 0);
    const term = await openAnsweringShell(t.server, cookie, id);

    let loggedOut = 0;
    const closes = Promise.all([closedAfter(live.ws, () => loggedOut), closedAfter(term, () => loggedOut)]);
    loggedOut = Date.now();
    const res = await t.server.fetch('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect(res.status).toBe(204);
    const [liveMs, termMs] = await closes;
    expect(liveMs).toBeLessThan(1000);
    expect(termMs).toBeLessThan(1000);
    // The session is gone for good: a new socket with it is refused.
    const again = new WebSocket(`${t.server.url.replace('http:', 'ws:')}/api/ws`, { headers: { cookie, origin: t.server.url } });
    const status = await new Promise<number>((resolve) => {
      again.once('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
      again.once('open', () => resolve(101));
    });
    expect(status).toBe(401);
  });

  it('deleting a token ends its `docker exec -it` through Porthole within 1 s', async () => {
    const cookie = await t.server.login();
    const created = await callJson<{ id: number; token: string }>(t.server, cookie, 'POST', '/api/tokens', { name: 'exec-it' });
    const { id: tokenId, token } = created.body;
    const proxy = proxyDocker(t.server.url, token);
    // `script` gives the CLI the terminal that `-it` needs.
    const cli = spawn('script', ['-qfec', `docker exec -it ${id} sh`, '/dev/null'], { env: proxy.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    cli.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
    });
    const exited = new Promise<void>((resolve) => cli.once('exit', () => resolve()));
    try {
      cli.stdin.write('echo ready-$((6*7))\r');
      await waitFor('the interactive shell through Porthole', () => out.includes('ready-42'), 15_000);
      const deleted = Date.now();
      const res = await t.server.fetch(`/api/tokens/${tokenId}`, { method: 'DELETE', headers: { cookie } });
      expect(res.status).toBe(204);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      expect(cli.exitCode ?? cli.signalCode, 'the CLI is still running').not.toBeNull();
      expect(Date.now() - deleted).toBeLessThan(1000);
    } finally {
      cli.kill('SIGKILL');
    }
    // The token fails at once on the next call.
    const ps = await docker(proxy, ['ps']);
    expect(ps.code).not.toBe(0);
  });

  it('a password change ends the other sessions (and their sockets), keeps this one, and needs the current password', async () => {
    const mine = await t.server.login();
    const other = await t.server.login();
    const otherLive = await openLiveClient(t.server.url, other);
    const change = (current: string, next: string) =>
      t.server.fetch('/api/auth/password', {
        method: 'POST',
        headers: { cookie: mine, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: current, newPassword: next }),
      });
    expect((await change('wrong password here', 'a brand new password')).status).toBe(403);
    const short = await change(ADMIN_PASSWORD, 'short');
    expect(short.status).toBe(400);
    expect(((await short.json()) as { message: string }).message).toMatch(/newPassword/);
    const closed = closedAfter(otherLive.ws, () => 0);
    expect((await change(ADMIN_PASSWORD, 'a brand new password 1')).status).toBe(204);
    await closed;
    expect((await t.server.fetch('/api/auth/me', { headers: { cookie: other } })).status).toBe(401);
    expect((await t.server.fetch('/api/auth/me', { headers: { cookie: mine } })).status).toBe(200);
    // Back to the harness password for the other tests.
    expect((await change('a brand new password 1', ADMIN_PASSWORD)).status).toBe(204);
  });

  it('with a bad token the docker CLI prints the 401 as one readable line, not JSON', async () => {
    const res = await docker(proxyDocker(t.server.url, 'pht_not-a-real-token'), ['ps']);
    expect(res.code).not.toBe(0);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/401 Unauthorized: sign in first/);
    expect(lines[0]).not.toMatch(/[{}"]/);
    // Without any token too.
    const none = await docker(proxyDocker(t.server.url), ['version', '--format', '{{.Server.Version}}']);
    expect(none.stderr).toMatch(/401 Unauthorized: sign in first/);
    expect(none.stderr).not.toMatch(/\{"message"/);
    // And the engine still answers directly (nothing was broken on the way).
    expect((await dockerOk(directDocker(), ['inspect', '-f', '{{.State.Running}}', id])).trim()).toBe('true');
  });
});

describe('the generated first password', () => {
  it('is printed once, works, and is flagged until the admin chooses their own', async () => {
    const { startServerProcess } = await import('./server-process.ts');
    const server = await startServerProcess({ PORTHOLE_ADMIN_PASSWORD: '' });
    try {
      const m = /generated password: (\S+)/.exec(server.output());
      expect(m, server.output()).not.toBeNull();
      const generated = (m as RegExpExecArray)[1] as string;
      const { login } = await import('./harness.ts');
      const cookie = await login(server.url, generated);
      const me = async () => (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as Record<string, unknown>;
      expect(await me()).toMatchObject({ username: 'admin', mustChangePassword: true });
      const res = await fetch(`${server.url}/api/auth/password`, {
        method: 'POST',
        headers: { cookie, origin: server.url, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: generated, newPassword: 'my own long password' }),
      });
      expect(res.status).toBe(204);
      expect(await me()).toMatchObject({ mustChangePassword: false });
      // Printed once: the password is in the output exactly once, and never in a log line.
      expect(server.output().split(generated).length - 1).toBe(1);
    } finally {
      await server.stop();
    }
  });
});
