import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startServer } from './harness.ts';
import { useTestServer } from './support/server-fixture.ts';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('sign-in', () => {
  const t = useTestServer({ signIn: false });

  it('answers a wrong password with 401 and a message', async () => {
    const res = await t.server.fetch('/api/auth/login', json({ username: 'admin', password: 'wrong' }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Wrong username or password' });
  });

  it('answers an unknown user like a wrong password', async () => {
    const res = await t.server.fetch('/api/auth/login', json({ username: 'nobody', password: 'x' }));
    expect(res.status).toBe(401);
    expect((await res.json()).message).toBe('Wrong username or password');
  });

  it('rejects a malformed body with 400', async () => {
    const res = await t.server.fetch('/api/auth/login', json({ username: 'admin' }));
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/password/);
  });

  it('gives a session in an httpOnly, SameSite=Strict cookie; me works; logout ends it', async () => {
    const res = await t.server.fetch('/api/auth/login', json({ username: 'admin', password: ADMIN_PASSWORD }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: 'admin', role: 'admin' });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('porthole_session='));
    expect(setCookie).toBeDefined();
    const attributes = (setCookie as string).split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/');
    const cookie = (setCookie as string).split(';')[0] as string;

    const me = await t.server.fetch('/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'admin', role: 'admin' });

    const logout = await t.server.fetch('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect(logout.status).toBe(204);
    const after = await t.server.fetch('/api/auth/me', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect((await after.json()).message).toMatch(/401 Unauthorized: sign in first/);
  });

  it('creates, lists, uses and revokes API tokens; the token is shown once and never listed', async () => {
    const cookie = await t.server.login();
    const created = await t.server.fetch('/api/tokens', json({ name: 'ci' }, { cookie }));
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: number; token: string };
    expect(token).toMatch(/^pht_/);

    const me = await t.server.fetch('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);

    const list = await t.server.fetch('/api/tokens', { headers: { cookie } });
    const tokens = (await list.json()) as Array<Record<string, unknown>>;
    expect(tokens.find((t) => t.id === id)).toMatchObject({ id, name: 'ci' });
    expect(JSON.stringify(tokens)).not.toContain(token);

    expect((await t.server.fetch(`/api/tokens/${id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect((await t.server.fetch('/api/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const again = await t.server.fetch(`/api/tokens/${id}`, { method: 'DELETE', headers: { cookie } });
    expect(again.status).toBe(404);
    expect((await again.json()).message).toMatch(/No token/);
  });

  it('rejects a made-up token and a forged session', async () => {
    expect((await t.server.fetch('/api/auth/me', { headers: { authorization: 'Bearer pht_forged' } })).status).toBe(401);
    expect((await t.server.fetch('/api/auth/me', { headers: { cookie: 'porthole_session=forged' } })).status).toBe(401);
  });
});

describe('sign-in throttling', () => {
  const t = useTestServer({ signIn: false });

  it('answers the 11th wrong attempt within a minute with 429, even with the right password', async () => {
    for (let i = 1; i <= 10; i++) {
      const res = await t.server.fetch('/api/auth/login', json({ username: 'admin', password: `wrong-${i}` }));
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const eleventh = await t.server.fetch('/api/auth/login', json({ username: 'admin', password: 'wrong-11' }));
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await eleventh.json()).message).toMatch(/Too many/);

    const right = await t.server.fetch('/api/auth/login', json({ username: 'admin', password: ADMIN_PASSWORD }));
    expect(right.status).toBe(429);
  });

  it('does not count successful sign-ins', async () => {
    const other = await startServer();
    try {
      for (let i = 0; i < 15; i++) await other.login();
      const res = await other.fetch('/api/auth/login', json({ username: 'admin', password: 'wrong' }));
      expect(res.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});
