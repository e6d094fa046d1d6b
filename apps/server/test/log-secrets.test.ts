import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dockerOk, proxyDocker, testRun } from './docker-cli.ts';
import { ADMIN_PASSWORD, waitFor } from './harness.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/** Acceptance 4 of issue 2: passwords and tokens never reach the server's log. */
describe('the server log', () => {
  const run = testRun();
  let server: ServerProcess;
  const secrets: string[] = [ADMIN_PASSWORD];

  beforeAll(async () => {
    server = await startServerProcess({ LOG_LEVEL: 'trace' });
  });
  afterAll(async () => {
    await server?.stop();
    await run.cleanup();
  });

  it('never contains a password, a session or a token while they are used', async () => {
    const wrongPassword = `wrong-${run.runId}-password`;
    secrets.push(wrongPassword);
    const failed = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: wrongPassword }),
    });
    expect(failed.status).toBe(401);

    const cookie = await server.login();
    secrets.push(cookie.split('=')[1] as string);
    const token = await server.createToken(cookie, `log-test-${run.runId}`);
    secrets.push(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await fetch(`${server.url}/api/auth/me`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${server.url}/api/tokens`, { headers: { cookie } })).status).toBe(200);
    const version = await fetch(`${server.url}/api/engines/local/docker/version`, { headers: bearer });
    expect(version.status).toBe(200);
    await version.text();
    await dockerOk(proxyDocker(server.url, token), ['ps', '-a', '--filter', `label=${run.runLabel}`]);
    await dockerOk(proxyDocker(server.url, token), ['version']);

    const ws = new WebSocket(`${server.url.replace('http:', 'ws:')}/api/ws`, { headers: { cookie, origin: server.url } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
    const logout = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: server.url } });
    expect(logout.status).toBe(204);

    // The log did record these requests (so there was something to leak).
    await waitFor('the logout to be logged', () => server.output().includes('/api/auth/logout'));
    const log = server.output();
    expect(log).toContain('/api/auth/login');
    expect(log).toContain('/api/tokens');
    for (const secret of secrets) expect(log.includes(secret), 'a secret appears in the log').toBe(false);
  });
});
