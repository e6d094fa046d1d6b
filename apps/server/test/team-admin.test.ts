import type { AuditEntry } from '@porthole/shared/audit';
import type { SessionInfo, UserInfo } from '@porthole/shared/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRun } from './docker-cli.ts';
import { type TestServer, startServer, waitFor } from './harness.ts';
import { openLiveClientWith } from './live-client.ts';
import { closedAfter, openAnsweringShell } from './terminal-client.ts';
import { addMember, asAdmin, signIn } from './team.ts';

/** Issue 14: users, sessions and tokens through the REST API; what a change of access closes (acceptance 4). */
describe('teams: users, sessions, tokens', () => {
  let server: TestServer;
  let admin: string;
  let container: string;
  const run = testRun();
  const call = (method: string, pathname: string, body?: unknown, cookie = admin) => asAdmin(server.url, cookie, method, pathname, body);
  const bearer = (token: string, pathname: string, init: RequestInit = {}) =>
    fetch(server.url + pathname, { ...init, headers: { ...(init.headers as object), authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    server = await startServer();
    admin = await server.login();
    container = await run.startFixture(['sh', '-c', 'while :; do echo tick; sleep 0.2; done']);
  });
  afterAll(async () => {
    await run.cleanup();
    await server.close();
  });

  it('creates users (passwords of at least 12 characters, unique names), lists and changes them', async () => {
    expect((await call('POST', '/api/users', { username: 'shorty', password: 'short', role: 'viewer' })).status).toBe(400);
    expect((await call('POST', '/api/users', { username: 'x', password: 'long enough pw', role: 'root' })).status).toBe(400);
    const m = await addMember(server.url, admin, 'alice', 'viewer');
    const dup = await call('POST', '/api/users', { username: 'alice', password: 'another long password', role: 'viewer' });
    expect(dup.status).toBe(409);
    const users = (await (await call('GET', '/api/users')).json()) as UserInfo[];
    expect(users.map((u) => [u.username, u.role, u.disabled])).toEqual([
      ['admin', 'admin', false],
      ['alice', 'viewer', false],
    ]);
    expect(JSON.stringify(users)).not.toMatch(/hash|password"/);
    const patched = await call('PATCH', `/api/users/${m.id}`, { role: 'operator' });
    expect(((await patched.json()) as UserInfo).role).toBe('operator');
    expect(((await (await bearer(m.token, '/api/auth/me')).json()) as { role: string }).role).toBe('operator');
    // An admin's password reset: the old one stops working, the new one must be changed.
    expect((await call('PATCH', `/api/users/${m.id}`, { password: 'reset by the admin 1' })).status).toBe(200);
    await expect(signIn(server.url, 'alice', m.password)).rejects.toThrow(/401/);
    const cookie = await signIn(server.url, 'alice', 'reset by the admin 1');
    expect(
      ((await (await call('GET', '/api/auth/me', undefined, cookie)).json()) as { mustChangePassword: boolean }).mustChangePassword,
    ).toBe(true);
    expect((await call('DELETE', `/api/users/${m.id}`)).status).toBe(204);
    expect((await bearer(m.token, '/api/auth/me')).status).toBe(401);
  });

  it('the last active admin cannot be disabled, demoted or deleted', async () => {
    const me = ((await (await call('GET', '/api/auth/me')).json()) as { id: number }).id;
    for (const [method, body] of [
      ['PATCH', { disabled: true }],
      ['PATCH', { role: 'operator' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(method, `/api/users/${me}`, body);
      expect(res.status).toBe(409);
      expect(((await res.json()) as { message: string }).message).toMatch(/last active admin/);
    }
    const second = await addMember(server.url, admin, 'second-admin', 'admin');
    expect((await call('PATCH', `/api/users/${second.id}`, { role: 'viewer' })).status).toBe(200);
  });

  it('tokens carry at most their owner’s role; a viewer token of an admin is read-only; an admin sees and revokes everyone’s', async () => {
    const op = await addMember(server.url, admin, 'tok-operator', 'operator');
    const tooMuch = await call('POST', '/api/tokens', { name: 'root please', role: 'admin' }, op.cookie);
    expect(tooMuch.status).toBe(403);
    const ro = (await (await call('POST', '/api/tokens', { name: 'read-only', role: 'viewer' })).json()) as { id: number; token: string };
    expect((await bearer(ro.token, '/api/users')).status).toBe(403);
    const restart = await bearer(ro.token, `/api/engines/local/docker/containers/${container}/restart`, { method: 'POST' });
    expect(restart.status).toBe(403);
    expect(((await restart.json()) as { message: string }).message).toBe('403 Forbidden: a viewer may not restart containers');
    // A token made with the viewer token is a viewer's too.
    const made = await bearer(ro.token, '/api/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'child' }),
    });
    expect(
      ((await bearer(((await made.json()) as { token: string }).token, '/api/auth/me').then((r) => r.json())) as { role: string }).role,
    ).toBe('viewer');
    expect((await call('GET', '/api/tokens?all=true', undefined, op.cookie)).status).toBe(403);
    const all = (await (await call('GET', '/api/tokens?all=true')).json()) as Array<{ id: number; owner: string; name: string }>;
    const opToken = all.find((t) => t.owner === 'tok-operator' && t.name === 'tok-operator-cli');
    expect(opToken).toBeDefined();
    expect((await call('DELETE', `/api/tokens/${opToken?.id}`)).status).toBe(204);
    expect((await bearer(op.token, '/api/auth/me')).status).toBe(401);
  });

  it('sessions are listed per user and can be revoked (by their user or an admin)', async () => {
    const bob = await addMember(server.url, admin, 'bob', 'viewer');
    const second = await signIn(server.url, 'bob', bob.password);
    const own = (await (await call('GET', '/api/sessions', undefined, bob.cookie)).json()) as SessionInfo[];
    expect(own).toHaveLength(2);
    expect(own.filter((s) => s.current)).toHaveLength(1);
    expect(own[0]).toMatchObject({ username: 'bob', ip: '127.0.0.1' });
    expect((await call('GET', '/api/sessions?user=1', undefined, bob.cookie)).status).toBe(403);
    const listed = (await (await call('GET', `/api/sessions?user=${bob.id}`)).json()) as SessionInfo[];
    const other = listed.find((s) => !own.find((o) => o.current && o.id === s.id)) as SessionInfo;
    const live = await openLiveClientWith(server.url, { cookie: second, origin: server.url });
    let revoked = 0;
    const closed = closedAfter(live.ws, () => revoked);
    revoked = Date.now();
    expect((await call('DELETE', `/api/sessions/${other.id}`)).status).toBe(204);
    expect(await closed).toBeLessThan(1000);
    expect((await call('GET', '/api/auth/me', undefined, second)).status).toBe(401);
    // Someone else's session is not there for a non-admin.
    const mine = (await (await call('GET', '/api/sessions')).json()) as SessionInfo[];
    expect((await call('DELETE', `/api/sessions/${mine[0]?.id}`, undefined, bob.cookie)).status).toBe(404);
  });

  it('disabling a user closes its live socket and terminal within 1 s; its token fails on the next request', async () => {
    const op = await addMember(server.url, admin, 'carol', 'operator');
    const live = await openLiveClientWith(server.url, { authorization: `Bearer ${op.token}` });
    live.subscribe('l', 'logs', { container });
    await waitFor('live log lines', () => live.items<unknown>('l').length > 0);
    const term = await openAnsweringShell(server, op.cookie, container);

    let disabled = 0;
    const closes = Promise.all([closedAfter(live.ws, () => disabled), closedAfter(term, () => disabled)]);
    disabled = Date.now();
    expect((await call('PATCH', `/api/users/${op.id}`, { disabled: true })).status).toBe(200);
    const [liveMs, termMs] = await closes;
    expect(liveMs).toBeLessThan(1000);
    expect(termMs).toBeLessThan(1000);
    expect((await bearer(op.token, '/api/engines/local/docker/containers/json')).status).toBe(401);
    await expect(signIn(server.url, 'carol', op.password)).rejects.toThrow(/401/);
    // Enabled again: the token works again (it was never revoked), the sessions stay ended.
    expect((await call('PATCH', `/api/users/${op.id}`, { disabled: false })).status).toBe(200);
    expect((await bearer(op.token, '/api/engines/local/docker/containers/json')).status).toBe(200);
    expect((await call('GET', '/api/auth/me', undefined, op.cookie)).status).toBe(401);
  });

  it('a role change closes the user’s sockets; the audit topic is the admin’s, and it is live', async () => {
    const dave = await addMember(server.url, admin, 'dave', 'operator');
    const live = await openLiveClientWith(server.url, { authorization: `Bearer ${dave.token}` });
    live.subscribe('a', 'audit');
    await waitFor('a refusal', () => live.messages.find((m) => m.type === 'error' && m.id === 'a'));
    expect(live.messages.find((m) => m.type === 'error')).toMatchObject({
      message: '403 Forbidden: an operator may not read the audit log',
    });
    let changed = 0;
    const closed = closedAfter(live.ws, () => changed);
    changed = Date.now();
    expect((await call('PATCH', `/api/users/${dave.id}`, { role: 'viewer' })).status).toBe(200);
    expect(await closed).toBeLessThan(1000);

    const watcher = await openLiveClientWith(server.url, { cookie: admin, origin: server.url });
    watcher.subscribe('a', 'audit');
    await waitFor('the audit subscription', () => watcher.messages.find((m) => m.type === 'state' && m.id === 'a'));
    await bearer(dave.token, `/api/engines/local/docker/containers/${container}/pause`, { method: 'POST' });
    const entry = await waitFor('the live audit entry', () =>
      watcher.items<AuditEntry>('a').find((e) => e.action === 'container.pause' && e.user === 'dave'),
    );
    expect(entry).toMatchObject({ result: 'denied', role: 'viewer', tokenName: 'dave-cli', status: 403 });
    watcher.close();
  });
});
