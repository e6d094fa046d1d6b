import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startServer } from './harness.ts';
import { parseRoutes, type RegisteredRoute } from './routes.ts';

/** A value each path param's schema accepts. */
const VALID: Record<string, string> = { engine: 'local', id: '1', layer: '0', name: 'x', '*': 'version' };
/** A value no path param's schema accepts (every param has a pattern or a type). */
const INVALID = '!!';
/** Query values that satisfy every route's required fields; each route is sent those it takes. */
const QUERY: Record<string, string> = { path: '/', name: 'x' };
const BODY = JSON.stringify({ target: 'x', image: 'busybox', memory: 64 * 1024 * 1024, name: 'x', compose: 'x' });

const paramsOf = (url: string) => [...url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1] as string);
const fill = (url: string, values: Record<string, string>) =>
  url.replace(/:([A-Za-z_]+)/g, (_, p: string) => values[p] ?? VALID[p] ?? 'x').replace(/\*$/, VALID['*'] as string);

/**
 * Generated from the route table (`app.printRoutes()`), so routes added later are covered: every
 * route declares a schema for each of its path params (an invalid value is refused with 400 naming
 * the param), and every route under `/api/engines/:engine` answers an unknown engine in the one
 * way (404 `Unknown engine "…"`).
 */
describe('route schemas', () => {
  let server: TestServer;
  let cookie: string;
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    server = await startServer();
    cookie = await server.login();
    routes = parseRoutes(server.app.printRoutes({ commonPrefix: false })).filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD');
  });
  afterAll(() => server.close());

  /** The query for a route: the values of QUERY it takes (a parameter it does not take is a 400). */
  const queryFor = (route: RegisteredRoute) => {
    const takes = server.app.queryParameters.get(`${route.method} ${route.url}`);
    const q = new URLSearchParams(Object.entries(QUERY).filter(([k]) => takes?.has(k)));
    return q.size ? `?${q}` : '';
  };

  const call = (route: RegisteredRoute, url: string) => {
    const hasBody = !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(route.method);
    return server.fetch(url, {
      method: route.method,
      headers: { cookie, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      body: hasBody ? BODY : undefined,
    });
  };

  it('finds routes with params, the engine routes among them', () => {
    const names = routes.map((r) => `${r.method} ${r.url}`);
    expect(names).toContain('GET /api/engines/:engine/containers');
    expect(names).toContain('POST /api/engines/:engine/images/pull');
    expect(names).toContain('GET /api/engines/:engine/containers/:id/terminal');
    expect(routes.filter((r) => paramsOf(r.url).length > 0).length).toBeGreaterThan(15);
  });

  it('every path param of every route is declared: an invalid value is a 400 naming it', async () => {
    const undeclared: string[] = [];
    for (const route of routes) {
      for (const param of paramsOf(route.url)) {
        const res = await call(route, `${fill(route.url, { [param]: INVALID })}${queryFor(route)}`);
        const body = (await res.json().catch(() => ({}))) as { message?: string };
        if (res.status !== 400 || !body.message?.includes(`params/${param}`)) {
          undeclared.push(`${route.method} ${route.url} :${param} → ${res.status} ${body.message ?? ''}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('every engine route answers an unknown engine with 404 "Unknown engine", as JSON', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.url.startsWith('/api/engines/:engine'))) {
      const res = await call(route, `${fill(route.url, { engine: 'nope' })}${queryFor(route)}`);
      const type = res.headers.get('content-type');
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      if (res.status !== 404 || type !== 'application/json' || body.message !== 'Unknown engine "nope"') {
        wrong.push(`${route.method} ${route.url} → ${res.status} ${type} ${body.message ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every route that takes a query refuses a parameter it does not take (400 naming it), however it is spelled', async () => {
    const checked = [...server.app.queryParameters.keys()].filter((k) => k.split(' ')[1]?.startsWith('/api') && !k.startsWith('HEAD'));
    expect(checked).toContain('GET /api/engines/:engine/volumes/:name/files/download');
    expect(checked.length).toBeGreaterThan(12);
    // `path[]=` once downloaded the whole volume: the key arrives as `path[]`, and `path` was unset.
    const spellings = ['path[]', 'path%5B%5D', 'paht', 'PATH', 'path.x', 'path ', '__proto__', 'constructor', 'toString', 'x'];
    const wrong: string[] = [];
    for (const key of checked) {
      const [method, url] = key.split(' ') as [string, string];
      for (const spelling of spellings) {
        const res = await call({ method, url }, `${fill(url, {})}?${spelling}=x`);
        const body = (await res.json().catch(() => ({}))) as { message?: string };
        const name = decodeURIComponent(spelling);
        if (res.status !== 400 || !body.message?.startsWith(`Unknown query parameter '${name}' (it takes `)) {
          wrong.push(`${key} ?${spelling}= → ${res.status} ${body.message ?? ''}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a number too large to be one is a 400, in a query and in a JSON body (the validator let Infinity through: a 500)', async () => {
    const wrong: string[] = [];
    for (const q of ['limit=Infinity', 'limit=-Infinity', 'limit=1e309', `limit=${'9'.repeat(400)}`, 'cursor=1e309', 'cursor=Infinity']) {
      const res = await server.fetch(`/api/audit?${q}`, { headers: { cookie } });
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      if (res.status !== 400 || !body.message?.includes('must be a finite number')) wrong.push(`?${q} → ${res.status} ${body.message}`);
    }
    // A string may say Infinity: only numbers are checked.
    expect((await server.fetch('/api/audit?target=Infinity', { headers: { cookie } })).status).toBe(200);
    for (const memory of ['1e309', '-1e400']) {
      const res = await server.fetch('/api/engines/local/containers/x/memory', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: server.url },
        body: `{"memory": ${memory}}`,
      });
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      if (res.status !== 400 || !body.message?.includes('too large')) wrong.push(`memory ${memory} → ${res.status} ${body.message}`);
    }
    expect(wrong).toEqual([]);
  });
});
