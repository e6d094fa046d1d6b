import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startServer } from './harness.ts';
import { addMember } from './team.ts';

/**
 * An upgraded proxy call is relayed without reading its body or answer, so a non-admin may upgrade
 * only the hijacks (attach, exec start). An attacker pass found `Upgrade: tcp` on a create (body
 * checks skipped: a privileged container with / mounted) and on an inspect (env unmasked).
 */
describe('proxy upgrades by role', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    const cookie = await server.login();
    for (const role of ['viewer', 'operator'] as const) tokens[role] = (await addMember(server.url, cookie, `upgrade-${role}`, role)).token;
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The status a raw upgrade request gets (101 would mean it reached the engine upgraded). */
  const upgrade = (token: string, method: string, path: string, body = '') =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(`${server.url}/api/engines/local/docker${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, connection: 'Upgrade', upgrade: 'tcp', 'content-type': 'application/json' },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });

  it('refuses upgraded calls other than attach and exec start to non-admins', async () => {
    const create = JSON.stringify({
      Image: 'porthole-test/busybox:latest',
      Labels: { 'porthole.test': '1' },
      HostConfig: { Privileged: true, Binds: ['/:/host'] },
    });
    const cases: Array<[string, string, string, string]> = [
      ['operator', 'POST', '/containers/create?name=porthole-test-upgrade-privileged', create],
      ['operator', 'POST', '/containers/porthole-test-no-such-object/exec', JSON.stringify({ Cmd: ['id'], Privileged: true })],
      [
        'operator',
        'POST',
        '/volumes/create',
        JSON.stringify({ Name: 'porthole-test-upgrade', DriverOpts: { type: 'none', o: 'bind', device: '/etc' } }),
      ],
      ['viewer', 'GET', '/containers/porthole-test-no-such-object/json', ''],
      ['viewer', 'GET', '/containers/json', ''],
    ];
    const got = [];
    for (const [role, method, path, body] of cases)
      got.push(`${role} ${method} ${path}: ${await upgrade(tokens[role] as string, method, path, body)}`);
    expect(got).toEqual(cases.map(([role, method, path]) => `${role} ${method} ${path}: 403`));
  });

  it('still lets an operator upgrade exec start and attach (they reach the engine)', async () => {
    for (const path of ['/exec/porthole-test-no-such-object/start', '/containers/porthole-test-no-such-object/attach?stream=1']) {
      expect(await upgrade(tokens.operator as string, 'POST', path, '{}'), path).not.toBe(403);
    }
  });
});
