import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startServer } from './harness.ts';
import { mapLimit, rawRequest, requestText, upgradeHeaders, upgradeText } from './raw-http.ts';
import { type RegisteredRoute, exampleUrl, parseRoutes } from './routes.ts';

const PUBLIC = new Set(['GET /api/health', 'HEAD /api/health', 'POST /api/auth/login']);
const WEBSOCKETS = [
  { path: '/api/ws', query: '' },
  { path: '/api/engines/local/containers/x/terminal', query: '?cmd=sh' },
];

/** The routes declared `websocket: true` (as the server lists them). */
const WEBSOCKET_ROUTES = ['/api/ws', '/api/engines/:engine/containers/:id/terminal'];

const encodeAll = (s: string, upper: boolean) =>
  [...s].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')[upper ? 'toUpperCase' : 'toLowerCase']()}`).join('');
/** Every character of every segment percent-encoded (`/api` → `/%61%70%69`). */
const encodeSegments = (p: string, upper: boolean) =>
  p
    .split('/')
    .map((s) => encodeAll(s, upper))
    .join('/');

/**
 * Spellings of an `/api/...` path and the status each must get without credentials.
 *
 * 401: the spelling names a protected route (or, after normalisation, an unknown path); either
 * way nothing answers before sign-in. 400: a target that is not origin-form and not an http(s)
 * absolute-form (here: one starting with a backslash) is refused outright by the request gate,
 * before Host, router or auth look at it (`http/request-target.ts`).
 */
export function spellings(p: string, port: number): Array<{ name: string; target: string; expect: 401 | 400 }> {
  const rest = p.slice('/api'.length); // `/engines/...`
  const [, , second = '', ...more] = p.split('/');
  const tail = more.length ? `/${more.join('/')}` : '';
  const second1 = `%${second.charCodeAt(0).toString(16)}${second.slice(1)}`;
  const list: Array<[string, string]> = [
    ['percent-encoded a', `/%61pi${rest}`],
    ['percent-encoded first letter of a segment', `/api/${second1}${tail}`],
    ['every character encoded, lower-case hex', encodeSegments(p, false)],
    ['every character encoded, upper-case hex', encodeSegments(p, true)],
    ['double-encoded', `/%2561pi${rest}`],
    ['upper-case API', `/API${rest}`],
    ['mixed-case Api', `/Api${rest}`],
    ['all upper-case', p.toUpperCase()],
    ['absolute-form', `http://127.0.0.1:${port}${p}`],
    ['absolute-form, upper-case scheme and host', `HTTP://LOCALHOST:${port}${p}`],
    ['absolute-form with userinfo', `http://user:pw@127.0.0.1:${port}${p}`],
    ['dot-dot from another segment', `/x/..${p}`],
    ['dot segment', `/api/.${rest}`],
    ['leading dot segment', `/.${p}`],
    ['dot-dot above the root', `/..${p}`],
    ['encoded dot-dot', `/%2e%2e${p}`],
    ['encoded dot-dot inside, mixed case', `/api/x/%2e%2E${rest}`],
    ['encoded dot then dot-dot at the end', `${p}/%2E/..`],
    ['trailing dot segment', `${p}/.`],
    ['duplicate slashes', p.replace(/\//g, '//')],
    ['triple slash after api', `/api///${rest.slice(1)}`],
    ['trailing dot', `${p}.`],
    ['trailing semicolon parameter', `${p};x`],
    ['semicolon after api', `/api;${rest}`],
    ['encoded slash, upper-case', `/api%2F${rest.slice(1)}`],
    ['encoded slash, lower-case', `/api%2f${rest.slice(1)}`],
    ['backslashes', `/${p.slice(1).replace(/\//g, '\\')}`],
    ['encoded backslash', `/api%5C${rest.slice(1)}`],
    ['trailing encoded NUL', `${p}%00`],
    ['trailing encoded space', `${p}%20`],
    ['fragment', `${p}#x`],
  ];
  return [
    ...list.map(([name, target]) => ({ name, target, expect: 401 as const })),
    { name: 'leading backslash (not origin-form)', target: `\\${p.slice(1).replace(/\//g, '\\')}`, expect: 400 },
    { name: 'other scheme (not http)', target: `ftp://127.0.0.1:${port}${p}`, expect: 400 },
  ];
}

describe('route spellings (acceptance 1)', () => {
  let server: TestServer;
  let routes: RegisteredRoute[];
  let token: string;
  let host: string;

  beforeAll(async () => {
    server = await startServer();
    host = `127.0.0.1:${server.port}`;
    routes = parseRoutes(server.app.printRoutes({ commonPrefix: false }));
    token = await server.createToken(await server.login(), 'spellings');
  });
  afterAll(() => server.close());

  const send = (method: string, target: string, headers: Record<string, string> = {}) => {
    const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method);
    const all = { Host: host, ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...headers };
    return rawRequest(server.port, requestText(method, target, all, hasBody ? '{}' : ''), { head: method === 'HEAD' });
  };

  it('reads every route from the server', () => {
    const names = routes.map((r) => `${r.method} ${r.url}`);
    expect(names.length).toBeGreaterThan(40);
    for (const known of PUBLIC) expect(names).toContain(known);
    expect(names).toContain('DELETE /api/engines/:engine/docker/*');
  });

  it('answers 401 (or 400, see spellings()) to at least 15 spellings of every protected route and method', async () => {
    const cases = routes
      .filter((r) => !PUBLIC.has(`${r.method} ${r.url}`))
      .flatMap((r) => spellings(exampleUrl(r.url), server.port).map((s) => ({ ...s, method: r.method, route: r.url })));
    expect(cases.length).toBeGreaterThan(15 * 50);
    const results = await mapLimit(cases, 16, async (c) => {
      const res = await send(c.method, c.target);
      return res.status === c.expect ? undefined : `${c.method} ${c.target} (${c.name}) → ${res.status} ${res.body.slice(0, 120)}`;
    });
    expect(results.filter(Boolean)).toEqual([]);
  });

  it('still reaches the route for the normalised spellings with a token (they are the same route, not refused)', async () => {
    for (const target of ['/%61pi/auth/me', '/api/./auth/me', '/x/../api//auth/me', `http://127.0.0.1:${server.port}/api/auth/me`]) {
      const res = await send('GET', target, { Authorization: `Bearer ${token}` });
      expect(res.status, target).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ username: 'admin' });
    }
  });

  it('upgrades no spelling of either websocket path without credentials', async () => {
    const cases = WEBSOCKETS.flatMap(({ path, query }) =>
      [{ name: 'as registered', target: path, expect: 401 as 401 | 400 }, ...spellings(path, server.port)].map((c) => ({
        ...c,
        target: c.target + query,
      })),
    );
    const results = await mapLimit(cases, 16, async (c) => {
      const headers = upgradeHeaders(host, { Origin: server.url });
      const res = await rawRequest(server.port, upgradeText(c.target, headers));
      return res.status === c.expect ? undefined : `${c.target} (${c.name}) → ${res.status}`;
    });
    expect(results.filter(Boolean)).toEqual([]);
  });

  it('upgrades /api/ws with a token (the upgrade test above can tell a 101 from a refusal)', async () => {
    const res = await rawRequest(server.port, upgradeText('/api/ws', upgradeHeaders(host, { Authorization: `Bearer ${token}` })));
    expect(res.status).toBe(101);
  });

  it('refuses a websocket upgrade to every path that takes none with 404 (401 before sign-in), never a 101 closed at once', async () => {
    const targets = [
      ...routes.filter((r) => r.method === 'GET' && !WEBSOCKET_ROUTES.includes(r.url)).map((r) => exampleUrl(r.url)),
      '/',
      '/containers',
      '/api/no-such-route',
      '/api/ws/extra',
      '/api/engines/local/containers/x/terminal/more',
      '/api/engines/local/docker/containers/x/attach/ws?stream=1',
      '/api/engines/local/docker/v1.41/containers/x/attach/ws',
    ];
    expect(targets.length).toBeGreaterThan(30);
    const results = await mapLimit(targets, 16, async (target) => {
      const signedIn = await rawRequest(server.port, upgradeText(target, upgradeHeaders(host, { Authorization: `Bearer ${token}` })));
      const anonymous = await rawRequest(server.port, upgradeText(target, upgradeHeaders(host)));
      const path = target.split('?')[0] as string;
      const problems = [];
      if (signedIn.status !== 404 || !JSON.parse(signedIn.body).message.startsWith(`${path} takes no websocket`))
        problems.push(`signed in → ${signedIn.status} ${signedIn.body.slice(0, 100)}`);
      if (anonymous.status !== 401) problems.push(`anonymous → ${anonymous.status}`);
      return problems.length ? `${target}: ${problems.join('; ')}` : undefined;
    });
    expect(results.filter(Boolean)).toEqual([]);
    // The websocket routes themselves still upgrade.
    for (const { path, query } of WEBSOCKETS) {
      const res = await rawRequest(server.port, upgradeText(path + query, upgradeHeaders(host, { Authorization: `Bearer ${token}` })));
      expect(res.status, path).toBe(101);
    }
  });

  const FOREIGN_HOSTS = [
    'evil.example',
    'evil.example:PORT',
    '127.0.0.1.evil.example',
    'localhost.',
    '',
    '127.0.0.1@evil.example',
    '[::2]:PORT',
  ];

  it('refuses a foreign Host with 4xx on every route, public ones included, with and without a token', async () => {
    const cases = routes.flatMap((r) =>
      FOREIGN_HOSTS.flatMap((h) => [false, true].map((withToken) => ({ r, host: h.replace('PORT', String(server.port)), withToken }))),
    );
    const results = await mapLimit(cases, 16, async ({ r, host: h, withToken }) => {
      const target = r.url.endsWith('/terminal') ? `${exampleUrl(r.url)}?cmd=sh` : exampleUrl(r.url);
      const res = await send(r.method, target, { Host: h, ...(withToken ? { Authorization: `Bearer ${token}` } : {}) });
      return res.status >= 400 && res.status < 500 ? undefined : `${r.method} ${target} Host "${h}" token=${withToken} → ${res.status}`;
    });
    expect(results.filter(Boolean)).toEqual([]);
    // Nothing above reached a handler: token 1 (`DELETE /api/tokens/1` was among them) still works.
    expect((await send('GET', '/api/auth/me', { Authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('refuses a foreign authority in an absolute-form target, and a foreign Host on websocket upgrades', async () => {
    const abs = await send('GET', 'http://evil.example/api/health');
    expect(abs.status).toBe(403);
    expect(JSON.parse(abs.body).message).toMatch(/evil\.example/);
    for (const h of FOREIGN_HOSTS) {
      const headers = upgradeHeaders(h.replace('PORT', String(server.port)), { Authorization: `Bearer ${token}` });
      const res = await rawRequest(server.port, upgradeText('/api/ws', headers));
      expect(res.status, `Host "${h}"`).toBeGreaterThanOrEqual(400);
      expect(res.status, `Host "${h}"`).toBeLessThan(500);
    }
  });
});

describe('a classroom server on the LAN (HOST=0.0.0.0)', () => {
  const LAN = '192.168.77.10:8080';
  const origin = `http://${LAN}`;

  async function signIn(server: TestServer) {
    const body = JSON.stringify({ username: 'admin', password: 'correct horse battery staple 42' });
    const headers = { Host: LAN, Origin: origin, 'Content-Type': 'application/json' };
    return rawRequest(server.port, requestText('POST', '/api/auth/login', headers, body));
  }

  it('refuses the LAN address in Host unless PORTHOLE_ALLOWED_HOSTS names it', async () => {
    const server = await startServer({ HOST: '0.0.0.0' });
    try {
      const health = await rawRequest(server.port, requestText('GET', '/api/health', { Host: LAN }));
      expect(health.status).toBe(403);
      expect(health.headers['content-type']).toBe('application/json');
      expect(JSON.parse(health.body).message).toMatch(/PORTHOLE_ALLOWED_HOSTS/);
      expect((await signIn(server)).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('answers the LAN address with PORTHOLE_ALLOWED_HOSTS=192.168.77.10: health, sign-in, the LAN origin for changes', async () => {
    const server = await startServer({ HOST: '0.0.0.0', PORTHOLE_ALLOWED_HOSTS: '192.168.77.10' });
    try {
      const health = await rawRequest(server.port, requestText('GET', '/api/health', { Host: LAN }));
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
      const login = await signIn(server);
      expect(login.status).toBe(200);
      const cookie = (login.headers['set-cookie'] ?? '').split(';')[0] as string;
      expect(cookie).toMatch(/^porthole_session=/);
      const me = await rawRequest(server.port, requestText('GET', '/api/auth/me', { Host: LAN, Cookie: cookie }));
      expect(me.status).toBe(200);
      const create = (o: string) =>
        rawRequest(
          server.port,
          requestText(
            'POST',
            '/api/tokens',
            { Host: LAN, Cookie: cookie, Origin: o, 'Content-Type': 'application/json' },
            '{"name":"lan"}',
          ),
        );
      expect((await create(origin)).status).toBe(201);
      // The page's own origin is the LAN one: a page on 127.0.0.1 is another origin.
      expect((await create(`http://127.0.0.1:${server.port}`)).status).toBe(403);
      // Other names are still refused.
      expect((await rawRequest(server.port, requestText('GET', '/api/health', { Host: '192.168.77.11:8080' }))).status).toBe(403);
    } finally {
      await server.close();
    }
  });
});
