import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '@porthole/shared/auth';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import authPlugin from '../src/plugins/auth.ts';
import { openDb } from '../src/plugins/db.ts';
import { type TestServer, startServer, tempDataDir } from './harness.ts';
import { exampleUrl, parseRoutes } from './routes.ts';
import { type TeamMember, addMember } from './team.ts';

/** `per call`: any signed-in user passes the route; the Engine API call itself is classified (PROXY_CALLS). */
type Need = 'public' | Role | 'per call';

/**
 * Acceptance 1 of issue 14: who may call what. The least role of every route, written down here
 * from the issue (not read from the server's table), and of one Engine API call per proxy class.
 * A route the server has but this table lacks fails the test, and so does a route without a policy.
 */
const E = '/api/engines/:engine';
const C = `${E}/containers/:id`;
const I = `${E}/images/:id/analysis`;
const ROUTES: Record<string, Need> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'viewer',
  'POST /api/auth/password': 'viewer',
  'GET /api/auth/me': 'viewer',
  'GET /api/tokens': 'viewer',
  'POST /api/tokens': 'viewer',
  'DELETE /api/tokens/:id': 'viewer',
  'GET /api/sessions': 'viewer',
  'DELETE /api/sessions/:id': 'viewer',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/:id': 'admin',
  'DELETE /api/users/:id': 'admin',
  'GET /api/audit': 'admin',
  'GET /api/metrics': 'viewer',
  'GET /api/ws': 'viewer',
  'GET /api/engines': 'viewer',
  [`GET ${E}`]: 'viewer',
  'POST /api/engines': 'admin',
  [`PATCH ${E}`]: 'admin',
  [`DELETE ${E}`]: 'admin',
  [`POST ${E}/test`]: 'admin',
  [`GET ${E}/stacks`]: 'viewer',
  [`POST ${E}/stacks`]: 'admin',
  [`DELETE ${E}/stacks/:name`]: 'admin',
  [`GET ${E}/containers`]: 'viewer',
  [`POST ${C}/doctor`]: 'operator',
  [`POST ${C}/memory`]: 'operator',
  [`GET ${E}/health/transitions`]: 'viewer',
  [`GET ${E}/capabilities`]: 'viewer',
  [`GET ${C}/logs/download`]: 'operator',
  [`GET ${C}/files`]: 'operator',
  [`GET ${C}/files/download`]: 'operator',
  [`PUT ${C}/files`]: 'operator',
  [`GET ${C}/terminal`]: 'operator',
  [`GET ${I}`]: 'viewer',
  [`GET ${I}/layers/:layer/changes`]: 'viewer',
  [`GET ${I}/layers/:layer/tree`]: 'viewer',
  [`GET ${I}/layers/:layer/file`]: 'operator',
  [`GET ${E}/images/prune-preview`]: 'viewer',
  [`POST ${E}/images/pull`]: 'operator',
  [`GET ${E}/volumes/:name/files`]: 'operator',
  [`GET ${E}/volumes/:name/files/download`]: 'operator',
  'GET /': 'public',
  'GET /*': 'public',
};
/** The proxy routes: every signed-in user reaches them; each call is then classified (below). */
for (const m of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
  ROUTES[`${m} ${E}/docker`] = 'per call';
  ROUTES[`${m} ${E}/docker/*`] = 'per call';
}

/** One Engine API call per proxy class (objects that do not exist: nothing changes, allowed calls get the engine's 404). */
const MISSING = 'porthole-test-no-such-object';
const PROXY_CALLS: Array<[method: string, path: string, need: Role, body?: unknown]> = [
  ['GET', '/_ping', 'viewer'],
  ['GET', '/v1.41/containers/json', 'viewer'],
  ['GET', `/v1.41/containers/${MISSING}/json`, 'viewer'],
  ['GET', `/containers/${MISSING}/logs?stdout=1`, 'viewer'],
  ['GET', '/images/json', 'viewer'],
  ['GET', '/networks', 'viewer'],
  ['POST', `/v1.41/containers/${MISSING}/restart`, 'operator'],
  ['POST', `/containers/${MISSING}/exec`, 'operator', { Cmd: ['true'] }],
  ['POST', `/exec/${MISSING}/start`, 'operator', {}],
  ['GET', `/containers/${MISSING}/archive?path=/`, 'operator'],
  ['PUT', `/containers/${MISSING}/archive?path=/`, 'operator'],
  ['DELETE', `/containers/${MISSING}`, 'operator'],
  ['POST', `/containers/create?name=${MISSING}`, 'operator', { Image: `${MISSING}:none` }],
  ['POST', `/containers/create?name=${MISSING}`, 'admin', { Image: `${MISSING}:none`, HostConfig: { Privileged: true } }],
  ['POST', `/containers/create?name=${MISSING}`, 'admin', { Image: `${MISSING}:none`, HostConfig: { Binds: ['/:/host'] } }],
  ['POST', `/containers/create?name=${MISSING}`, 'admin', { Image: `${MISSING}:none`, HostConfig: { NetworkMode: 'host' } }],
  ['POST', `/containers/create?name=${MISSING}`, 'admin', { Image: `${MISSING}:none`, HostConfig: { CapAdd: ['SYS_ADMIN'] } }],
  [
    'POST',
    `/containers/create?name=${MISSING}`,
    'admin',
    { Image: `${MISSING}:none`, HostConfig: { Devices: [{ PathOnHost: '/dev/null' }] } },
  ],
  ['DELETE', `/images/${MISSING}:none`, 'admin'],
  ['DELETE', `/volumes/${MISSING}`, 'admin'],
  ['DELETE', `/networks/${MISSING}`, 'admin'],
  ['GET', `/images/${MISSING}/get`, 'admin'],
  ['GET', '/swarm', 'admin'],
  ['GET', '/porthole/not-on-the-allow-list', 'admin'],
];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const CALLERS: Array<'anonymous' | Role> = ['anonymous', 'viewer', 'operator', 'admin'];

/** The status class a caller must get: refused (401/403) or let through (anything else). */
function expected(caller: 'anonymous' | Role, need: Need): 401 | 403 | 'allowed' | 'signed in' {
  if (need === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (need === 'per call') return 'signed in';
  return RANK[caller] >= RANK[need] ? 'allowed' : 403;
}
/** A URL for the pattern whose objects do not exist (deleting token or user 1, or engine local, would remove what the run needs). */
const urlOf = (pattern: string) =>
  exampleUrl(
    pattern
      .replace(/^\/api\/(tokens|users)\/:id$/, '/api/$1/999999')
      .replace('/api/sessions/:id', `/api/sessions/${'0'.repeat(64)}`)
      // Changing, testing or removing an engine: one that does not exist (removing `local` would end the run).
      .replace(/^\/api\/engines\/:engine(\/test)?$/, '/api/engines/no-such-engine$1'),
  );
const classOf = (status: number) => (status === 401 || status === 403 ? status : 'allowed');

describe('route by role (issue 14, acceptance 1)', () => {
  let server: TestServer;
  const tokens: Partial<Record<Role, string>> = {};
  const members: TeamMember[] = [];

  beforeAll(async () => {
    // A built SPA in the data dir: its routes are in the list too.
    const web = path.join(tempDataDir(), 'web');
    fs.mkdirSync(web, { recursive: true });
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Porthole</title>');
    server = await startServer({ PORTHOLE_WEB_DIST: web });
    const cookie = await server.login();
    tokens.admin = await server.createToken(cookie, 'admin-cli');
    for (const role of ['viewer', 'operator'] as const) {
      const m = await addMember(server.url, cookie, `route-${role}`, role);
      members.push(m);
      tokens[role] = m.token;
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  const headersOf = (caller: 'anonymous' | Role): Record<string, string> =>
    caller === 'anonymous' ? {} : { authorization: `Bearer ${tokens[caller]}` };

  it('every route the server registered is in this table, and the table has no route the server lacks', () => {
    const registered = parseRoutes(server.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect([...new Set(registered)].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('each route answers each caller as the table says', async () => {
    const wrong: string[] = [];
    for (const [key, need] of Object.entries(ROUTES)) {
      const [method, pattern] = key.split(' ') as [string, string];
      // Signing out would end the token's session: it is a viewer's right, checked without calling it.
      if (key === 'POST /api/auth/logout') continue;
      for (const caller of CALLERS) {
        const res = await server.app.inject({ method: method as 'GET', url: urlOf(pattern), headers: headersOf(caller) });
        const want = expected(caller, need);
        const got = want === 'signed in' && res.statusCode !== 401 ? 'signed in' : classOf(res.statusCode);
        if (got !== want) wrong.push(`${caller} ${method} ${pattern}: ${res.statusCode}, expected ${want}`);
        if (res.statusCode === 403) expect(res.headers['content-type']).toBe('application/json');
      }
    }
    expect(wrong).toEqual([]);
  });

  it('one Engine API call per proxy class, as each caller, through the proxy', async () => {
    const wrong: string[] = [];
    for (const [method, enginePath, need, body] of PROXY_CALLS) {
      for (const caller of CALLERS) {
        const res = await fetch(`${server.url}/api/engines/local/docker${enginePath}`, {
          method,
          headers: { ...headersOf(caller), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        const want = expected(caller, need);
        if (classOf(res.status) !== want)
          wrong.push(`${caller} ${method} ${enginePath} ${JSON.stringify(body ?? '')}: ${res.status} ${text}`);
        if (res.status === 403) {
          expect(res.headers.get('content-type')).toBe('application/json');
          expect(JSON.parse(text).message).toMatch(new RegExp(`^403 Forbidden: an? ${caller} may not \\S`));
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the audit log is the admin’s, and a denial names the role and the action', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/audit', headers: headersOf('operator') });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).message).toBe('403 Forbidden: an operator may not read the audit log');
  });

  it('a route without a policy cannot be registered', async () => {
    const dir = tempDataDir();
    const app = Fastify();
    const db = openDb(dir);
    try {
      await app.register(authPlugin, { db, adminPassword: 'x'.repeat(16), origin: { secure: false, allowed: [] } });
      let failure: unknown;
      try {
        app.get('/api/new-feature', async () => 'open?');
        await app.ready();
      } catch (err) {
        failure = err;
      }
      expect(String(failure)).toMatch(/GET \/api\/new-feature has no entry in the policy table/);
    } finally {
      await app.close().catch(() => {});
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
