import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startServer, tempDataDir, waitFor } from './harness.ts';
import { type LiveClient, openLiveClient } from './live-client.ts';
import { rawRequest, requestText, upgradeHeaders, upgradeText } from './raw-http.ts';

function expectSecurityHeaders(headers: Headers | Record<string, string>, what: string) {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]) ?? '';
  expect(get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
  expect(get('x-content-type-options'), what).toBe('nosniff');
  expect(get('referrer-policy'), what).toMatch(/^(same-origin|no-referrer|strict-origin)/);
}

describe('answers: headers, content types, cookies, token ids, the data dir', () => {
  let server: TestServer;
  let cookie: string;
  let token: string;
  let tokenId: number;
  const web = tempDataDir();

  beforeAll(async () => {
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Porthole</title><div id="root"></div>');
    fs.mkdirSync(path.join(web, 'assets'));
    fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1)');
    server = await startServer({ PORTHOLE_WEB_DIST: web });
    cookie = await server.login();
    const created = await server.fetch('/api/tokens', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'first' }),
    });
    ({ id: tokenId, token } = (await created.json()) as { id: number; token: string });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(web, { recursive: true, force: true });
  });

  it('sends the security headers on the SPA, on 401s, 403s, 404s and on API and proxy answers', async () => {
    const bearer = { authorization: `Bearer ${token}` };
    const cases: Array<[string, string, RequestInit, number]> = [
      ['SPA index', '/', {}, 200],
      ['SPA view URL', '/containers/abc/logs', {}, 200],
      ['SPA asset', '/assets/app.js', {}, 200],
      ['401 from a route', '/api/auth/me', {}, 401],
      ['401 from an unknown path', '/API/engines', {}, 401],
      ['403 foreign origin', '/api/tokens', { method: 'POST', headers: { cookie, origin: 'http://evil.example' } }, 403],
      ['API answer', '/api/engines', { headers: bearer }, 200],
      ['404 signed in', '/api/no-such-route', { headers: bearer }, 404],
      ['proxy answer', '/api/engines/local/docker/_ping', { headers: bearer }, 200],
      ['proxy error', '/api/engines/local/docker/containers/porthole-test-none/json', { headers: bearer }, 404],
    ];
    for (const [what, url, init, status] of cases) {
      const res = await fetch(server.url + url, init);
      expect(res.status, what).toBe(status);
      expectSecurityHeaders(res.headers, what);
      await res.body?.cancel();
    }
    const refused = await rawRequest(server.port, requestText('GET', '/api/health', { Host: 'evil.example' }));
    expect(refused.status).toBe(403);
    expectSecurityHeaders(refused.headers, 'request gate refusal');
    const upgrade = await rawRequest(server.port, upgradeText('/api/ws', upgradeHeaders('evil.example')));
    expect(upgrade.status).toBe(403);
    expectSecurityHeaders(upgrade.headers, 'request gate refusal of an upgrade');
  });

  it('never serves the SPA for a spelling of /api (the SPA is public, the API is not)', async () => {
    for (const target of [
      '/API/engines',
      '/Api/tokens',
      '/api;/engines',
      '/api%2Fengines',
      '/api\\engines',
      '/api%5Cengines',
      '/api.',
      '/api',
    ]) {
      const res = await rawRequest(server.port, requestText('GET', target, { Host: `127.0.0.1:${server.port}` }));
      expect(res.status, target).toBe(401);
      expect(res.headers['content-type'], target).toBe('application/json');
    }
    const page = await fetch(`${server.url}/apis-are-a-page`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    await page.body?.cancel();
  });

  it('answers 401 and 403 with content-type exactly application/json and a message', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    const json = { ...host, 'Content-Type': 'application/json' };
    const cases: Array<[string, string, number]> = [
      ['no credentials', requestText('GET', '/api/auth/me', host), 401],
      ['no credentials, HEAD', requestText('HEAD', '/api/tokens', host), 401],
      ['unknown path', requestText('DELETE', '/nothing/here', host), 401],
      ['made-up token', requestText('GET', '/api/engines', { ...host, Authorization: 'Bearer pht_nope' }), 401],
      ['wrong password', requestText('POST', '/api/auth/login', json, '{"username":"admin","password":"nope"}'), 401],
      [
        'foreign origin',
        requestText('POST', '/api/tokens', { ...json, Cookie: cookie, Origin: 'http://evil.example' }, '{"name":"x"}'),
        403,
      ],
      ['no origin for a cookie change', requestText('POST', '/api/tokens', { ...json, Cookie: cookie }, '{"name":"x"}'), 403],
      [
        'wrong current password',
        requestText(
          'POST',
          '/api/auth/password',
          { ...json, Authorization: `Bearer ${token}` },
          '{"currentPassword":"nope","newPassword":"long enough new one 1"}',
        ),
        403,
      ],
      ['foreign Host', requestText('GET', '/api/engines', { Host: 'evil.example', Authorization: `Bearer ${token}` }), 403],
      ['websocket without credentials', upgradeText('/api/ws', upgradeHeaders(host.Host)), 401],
      [
        'websocket from a foreign origin',
        upgradeText('/api/ws', upgradeHeaders(host.Host, { Cookie: cookie, Origin: 'http://evil.example' })),
        403,
      ],
      [
        'exec upgrade without credentials',
        upgradeText('/api/engines/local/docker/exec/x/start', { ...host, Connection: 'Upgrade', Upgrade: 'tcp' }),
        401,
      ],
    ];
    for (const [what, request, status] of cases) {
      const res = await rawRequest(server.port, request, { head: request.startsWith('HEAD') });
      expect(res.status, what).toBe(status);
      expect(res.headers['content-type'], what).toBe('application/json');
      if (!request.startsWith('HEAD')) expect(JSON.parse(res.body).message, what).toEqual(expect.any(String));
    }
  });

  it('answers a malformed cookie with 401, never 500 (and public routes ignore it)', async () => {
    const cookies = [
      'porthole_session=%zz',
      'porthole_session="unterminated',
      'porthole_session=',
      'porthole_session',
      '=porthole_session',
      ';;;;',
      'porthole_session=a; porthole_session=b',
      `porthole_session=${'a'.repeat(4096)}`,
      `porthole_session=${'%'.repeat(2000)}`,
      'porthole_session=\u00ff\u00fe',
      Array.from({ length: 200 }, (_, i) => `c${i}=%E0%A4%A`).join('; '),
      `porthole_session=${encodeURIComponent(cookie)}`,
      'porthole_session=../../etc/passwd',
      'porthole_session=pht_; porthole_session=\\',
    ];
    for (const c of cookies) {
      const headers = { Host: `127.0.0.1:${server.port}`, Cookie: c, Origin: server.url, 'Content-Type': 'application/json' };
      for (const req of [requestText('GET', '/api/auth/me', headers), requestText('POST', '/api/tokens', headers, '{"name":"x"}')]) {
        const res = await rawRequest(server.port, req);
        expect(res.status, `${c.slice(0, 60)} ${req.slice(0, 20)}`).toBe(401);
      }
      const ws = await rawRequest(
        server.port,
        upgradeText('/api/ws', upgradeHeaders(`127.0.0.1:${server.port}`, { Cookie: c, Origin: server.url })),
      );
      expect(ws.status, c.slice(0, 60)).toBe(401);
      const health = await rawRequest(server.port, requestText('GET', '/api/health', headers));
      expect(health.status, c.slice(0, 60)).toBe(200);
    }
  });

  it('answers DELETE /api/tokens/<not a plain id> with 400 and leaves token 1 alone', async () => {
    expect(tokenId).toBe(1);
    for (const id of ['0x1', '1e0', '01', '%201', '+1', '%2B1', '1.0', '-1', '1%00', '1%20', '0', '1n', '１', '99999999999999999999']) {
      const res = await server.fetch(`/api/tokens/${id}`, { method: 'DELETE', headers: { cookie } });
      expect(res.status, id).toBe(400);
      expect((await res.json()).message, id).toMatch(/Invalid request/);
    }
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('answers HEAD /api/health with 200 without credentials', async () => {
    const res = await fetch(`${server.url}/api/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
  });

  it('keeps the data dir porthole.db* files at mode 0600', () => {
    const files = fs.readdirSync(server.dataDir).filter((f) => f.startsWith('porthole.db'));
    expect(files).toContain('porthole.db');
    for (const f of files) expect((fs.statSync(path.join(server.dataDir, f)).mode & 0o777).toString(8), f).toBe('600');
  });
});

describe('live subscription caps', () => {
  let server: TestServer;
  let cookie: string;
  const clients: LiveClient[] = [];
  const open = async () => {
    const c = await openLiveClient(server.url, cookie);
    clients.push(c);
    return c;
  };
  /** Messages on a socket are handled in order: the pong means everything before it was. */
  const settled = async (c: LiveClient) => {
    const pongs = c.messages.filter((m) => m.type === 'pong').length;
    c.ws.send(JSON.stringify({ type: 'ping' }));
    await waitFor('the pong', () => c.messages.filter((m) => m.type === 'pong').length > pongs);
  };
  const errors = (c: LiveClient) => c.messages.filter((m) => m.type === 'error') as Array<{ id?: string; message: string }>;
  const subscribeMany = (c: LiveClient, prefix: string, n: number) => {
    for (let i = 0; i < n; i++) c.subscribe(`${prefix}${i}`, 'events');
  };

  beforeAll(async () => {
    server = await startServer();
    cookie = await server.login();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  it('refuses the 257th subscription on one socket, and the 1025th of one user over several sockets', async () => {
    const first = await open();
    subscribeMany(first, 'a', 300);
    await settled(first);
    expect(errors(first).map((e) => e.id)).toEqual(Array.from({ length: 44 }, (_, i) => `a${256 + i}`));
    expect(errors(first)[0]?.message).toMatch(/Too many live subscriptions \(at most 256 on one connection\)/);
    // Subscribing again under an id it already has is no new subscription.
    first.subscribe('a0', 'events');
    await settled(first);
    expect(errors(first)).toHaveLength(44);

    for (const p of ['b', 'c', 'd']) {
      const c = await open();
      subscribeMany(c, p, 256);
      await settled(c);
      expect(errors(c), p).toEqual([]);
    }
    const fifth = await open();
    fifth.subscribe('e0', 'events');
    await settled(fifth);
    expect(errors(fifth)).toEqual([{ type: 'error', id: 'e0', message: expect.stringMatching(/at most 1024 for one user/) }]);

    // An unsubscribe frees a place; a closed socket frees all of its.
    first.unsubscribe('a0');
    fifth.subscribe('e1', 'events');
    await settled(fifth);
    expect(errors(fifth)).toHaveLength(1);
    fifth.subscribe('e2', 'events');
    await settled(fifth);
    expect(errors(fifth)).toHaveLength(2);
    first.close();
    let attempt = 0;
    await waitFor('the closed socket to free its subscriptions', async () => {
      const id = `f${attempt++}`;
      fifth.subscribe(id, 'events');
      await settled(fifth);
      return !errors(fifth).some((e) => e.id === id);
    });
  });
});
