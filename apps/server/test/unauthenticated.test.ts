import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startServer } from './harness.ts';
import { exampleUrl, parseRoutes, type RegisteredRoute } from './routes.ts';

const PUBLIC = new Set(['GET /api/health', 'HEAD /api/health', 'POST /api/auth/login']);

describe('without a session or token', () => {
  let server: TestServer;
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    server = await startServer();
    routes = parseRoutes(server.app.printRoutes({ commonPrefix: false })).filter((r) => r.url.startsWith('/api'));
  });
  afterAll(() => server.close());

  it('finds the registered /api routes', () => {
    const names = routes.map((r) => `${r.method} ${r.url}`);
    for (const known of ['GET /api/auth/me', 'POST /api/tokens', 'DELETE /api/tokens/:id', 'GET /api/metrics', 'GET /api/ws']) {
      expect(names).toContain(known);
    }
    expect(names).toContain('POST /api/engines/:engine/docker/*');
    // The listing is read from the printed route tree: make sure each entry is a real route.
    for (const route of routes) expect(server.app.hasRoute({ method: route.method as 'GET', url: route.url }), route.url).toBe(true);
  });

  it('answers 401 on every /api route except health and login', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      if (PUBLIC.has(name)) continue;
      const hasBody = !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(route.method);
      const res = await server.fetch(exampleUrl(route.url), {
        method: route.method,
        headers: hasBody ? { 'content-type': 'application/json' } : {},
        body: hasBody ? '{}' : undefined,
      });
      if (res.status !== 401) failures.push(`${name} → ${res.status}`);
      if (route.method !== 'HEAD' && res.status === 401) {
        expect((await res.json()).message).toMatch(/401 Unauthorized: sign in first/);
      } else {
        await res.body?.cancel();
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 401 on unknown /api paths and unknown engines too (nothing is revealed)', async () => {
    expect((await server.fetch('/api/no-such-thing')).status).toBe(401);
    expect((await server.fetch('/api/engines/nope/docker/version')).status).toBe(401);
  });

  it('answers health and login without a session', async () => {
    const health = await server.fetch('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', engines: { local: { reachable: true } } });
    const login = await server.fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'nope' }),
    });
    expect(login.status).toBe(401);
    expect((await login.json()).message).toBe('Wrong username or password');
  });

  it('refuses a hijacked exec upgrade without a token', async () => {
    const net = await import('node:net');
    const socket = net.connect(server.port, '127.0.0.1');
    socket.write(
      'POST /api/engines/local/docker/v1.41/exec/abc/start HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n',
    );
    let answer = '';
    socket.setEncoding('utf8').on('data', (s: string) => {
      answer += s;
    });
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answer).toMatch(/^HTTP\/1.1 401/);
  });
});
