import type { RegisteredRoute } from './routes.ts';

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export class Rng {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
  /** Printable ASCII (what a header may carry). */
  ascii(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(32 + this.int(95));
    return s;
  }
  unicode(n: number): string {
    const pool = ['é', 'ß', '漢', '字', '🐳', '\u0000', '\u202e', '\ud800', 'ﬀ', 'İ', '\u00a0', '𝔸', 'a', '/', '\\', '..', '%'];
    let s = '';
    for (let i = 0; i < n; i++) s += this.pick(pool);
    return s;
  }
}

export interface FuzzRequest {
  route: string;
  method: string;
  /** Path with query, as sent. */
  target: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Written byte for byte on a socket (GET with a body, bytes fetch would refuse). */
  raw: boolean;
}

export interface FuzzContext {
  rng: Rng;
  token: string;
  /** A token id that must never be deleted (the one `token` is). */
  tokenId: number;
  /** The test's own running container (name), safe to read and to open terminals to. */
  container: string;
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'APPLICATION/JSON'];
const OTHER_TYPES = [
  'text/plain',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/x-tar',
  '',
];

/** A container name that cannot exist nor prefix-match an id (it has non-hex letters). */
const missing = (rng: Rng) => `porthole-fuzz-nonexistent-${rng.int(1e6)}`;

function junkSegment(rng: Rng): string {
  const raw = rng.pick([
    () => rng.ascii(1 + rng.int(20)),
    () => rng.unicode(1 + rng.int(8)),
    () => `${missing(rng)}${rng.pick(['?x=1', '/kill?', '#', ';', '%00', '\\'])}`,
    () => 'z'.repeat(1 + rng.int(3000)),
    () => String(rng.pick([-1, 0, 1e21, 2 ** 53 + 1, Number.NaN, 1.5])),
  ])();
  return `zz${encodeURIComponent(raw.replace(/[\ud800-\udfff]/g, '?'))}`;
}

/** Values for the route's parameters: mostly plausible, sometimes hostile; never an existing object of someone else. */
function fillPattern(ctx: FuzzContext, route: RegisteredRoute): string {
  const { rng } = ctx;
  const safeReads = route.method === 'GET' || route.method === 'HEAD';
  return (
    route.url
      // Changing or removing an engine acts on a missing one: removing `local` would end the run's engine.
      .replace(':engine', () => (rng.bool(0.9) && (safeReads || !/^\/api\/engines\/:engine$/.test(route.url)) ? 'local' : junkSegment(rng)))
      .replace(
        'images/:id',
        () =>
          `images/${rng.bool(0.2) ? encodeURIComponent('porthole-test/busybox:latest') : rng.bool(0.5) ? missing(rng) : junkSegment(rng)}`,
      )
      .replace(
        'containers/:id',
        () => `containers/${safeReads && rng.bool(0.4) ? ctx.container : rng.bool(0.6) ? missing(rng) : junkSegment(rng)}`,
      )
      .replace(':layer', () => rng.pick(['0', '1', '-1', '10001', '1e3', '99999999999999999999', '0x1', 'a', '%20']))
      .replace(':name', () => (rng.bool(0.5) ? `porthole-fuzz-nonexistent-vol-${rng.int(1e6)}` : junkSegment(rng)))
      .replace('tokens/:id', () => {
        const id = rng.pick([String(ctx.tokenId + 1 + rng.int(50)), '0', '-1', '0x2', '1e1', '99999999999999999999', junkSegment(rng)]);
        return `tokens/${id === String(ctx.tokenId) ? '0' : id}`;
      })
      .replace('*', () => proxyPath(ctx, route.method))
  );
}

/** Engine API paths: reads anywhere; writes only to containers that do not exist. */
function proxyPath(ctx: FuzzContext, method: string): string {
  const { rng } = ctx;
  const nx = missing(rng);
  if (method === 'GET' || method === 'HEAD') {
    return rng.pick([
      'version',
      '_ping',
      'v1.41/version',
      'containers/json',
      `containers/json?all=1&filters=${encodeURIComponent(rng.ascii(10))}`,
      'images/json',
      `images/json?filters=${encodeURIComponent('{"label":["porthole.test=1"]}')}`,
      'networks',
      'volumes',
      `containers/${nx}/json`,
      `containers/${ctx.container}/json`,
      `containers/${ctx.container}/top`,
      `containers/${ctx.container}/logs?stdout=1&tail=3`,
      `images/${nx}/json`,
      `images/${nx}/history`,
      `networks/${nx}`,
      `volumes/${nx}`,
      `porthole-fuzz-${junkSegment(rng)}`,
      `containers/${junkSegment(rng)}/json`,
    ]);
  }
  return rng.pick([
    `containers/${nx}`,
    `containers/${nx}?force=1&v=1`,
    `containers/${nx}/stop`,
    `containers/${nx}/start`,
    `containers/${nx}/kill?signal=KILL`,
    `containers/${nx}/restart`,
    `containers/${nx}/pause`,
    `containers/${nx}/rename?name=${nx}-x`,
    `containers/${nx}/exec`,
    `containers/${nx}/update`,
    `containers/${nx}/archive?path=/tmp`,
    `containers/${nx}/resize?h=${rng.int(1e6)}&w=-1`,
  ]);
}

function randomQuery(rng: Rng): string {
  const keys = [
    'a',
    'path',
    'name',
    'q',
    'tail',
    'since',
    'until',
    'regex',
    'all',
    'filters',
    'cmd',
    'everywhere',
    '__proto__',
    'constructor[prototype][x]',
    'a[]',
    'a[0]',
    'cols',
  ];
  const values = [
    () => encodeURIComponent(rng.ascii(rng.int(30))),
    () => encodeURIComponent(rng.unicode(1 + rng.int(10)).replace(/[\ud800-\udfff]/g, '?')),
    () => rng.pick(['%zz', '%', '%E0%A4%A', '%00', '%FF%FE', '%2e%2e%2f', '%25']),
    () => 'v'.repeat(8 * 1024),
    () => rng.pick(['true', 'false', '1', '-1', '1e309', '', 'null', '[]', '{}']),
  ];
  const pairs: string[] = [];
  for (let i = rng.int(7); i > 0; i--) {
    const key = rng.pick(keys);
    pairs.push(`${key}=${rng.pick(values)()}`);
    if (rng.bool(0.2)) pairs.push(`${key}=${rng.pick(values)()}`);
  }
  if (rng.bool(0.1)) pairs.push(rng.pick(['&&&', '=', '==x', 'a', '%=%']));
  return pairs.join('&');
}

function validQuery(route: string, rng: Rng): string {
  if (route.includes('/files'))
    return `path=${encodeURIComponent(rng.pick(['/', '/etc', '/tmp/../etc/passwd', '../../', rng.ascii(20)]))}&name=f${rng.int(99)}`;
  if (route.includes('/logs/download'))
    return `tail=${rng.pick(['all', '5', '0'])}&q=${encodeURIComponent(rng.pick(['a', '(a+)+$', '[', rng.ascii(10)]))}&regex=${rng.bool()}`;
  if (route.includes('/volumes/')) return `path=${encodeURIComponent(rng.pick(['/', '..', '../../etc', rng.ascii(10)]))}`;
  if (route.includes('/file')) return `path=${encodeURIComponent(rng.pick(['/bin/sh', '/etc/passwd', '../x', rng.ascii(10)]))}`;
  if (route.includes('prune-preview'))
    return `all=${rng.bool()}&filters=${encodeURIComponent(rng.pick(['{"label":["porthole.test=1"]}', '{', '[]', '{"until":["x"]}', rng.ascii(20)]))}`;
  if (route.includes('/terminal'))
    return `cmd=${encodeURIComponent(rng.pick(['cat', 'sh', '"', rng.ascii(10)]))}&cols=${rng.pick(['80', '0', '-1', '99999', 'x'])}`;
  if (route.includes('/logout')) return `everywhere=${rng.pick(['true', 'false', '1', 'x'])}`;
  return '';
}

function validBody(route: string, rng: Rng): unknown {
  if (route.endsWith('/login')) return { username: rng.pick(['admin', 'nobody', rng.ascii(10)]), password: rng.ascii(rng.int(40) + 1) };
  if (route.endsWith('/password')) return { currentPassword: rng.ascii(12), newPassword: rng.ascii(rng.int(30) + 1) };
  if (route.endsWith('/tokens')) return { name: rng.ascii(rng.int(120)) };
  if (route.endsWith('/doctor'))
    return { target: rng.pick(['localhost', '127.0.0.1', 'x', rng.ascii(8)]), port: rng.pick([80, 0, 65536, -1, 1.5]) };
  return { Image: 'porthole-test/busybox:latest', Cmd: ['true'], Labels: { 'porthole.test': '1' } };
}

function randomBody(route: string, rng: Rng): Buffer {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  return Buffer.from(
    rng.pick<() => string | Buffer>([
      () => JSON.stringify(validBody(route, rng)),
      () => JSON.stringify(validBody(route, rng)),
      () => rng.pick(['{', '{"a":', '[1,2', 'nul', "{'a':1}", '{"a":1}}', '\ufeff{}', '', '{"a":"\\ud800"}']),
      () => rng.ascii(rng.int(200)),
      () => rng.pick(['{"name":1e999999}', '{"port":123456789012345678901234567890}', '{"layer":-0}', '-0', '1e-400']),
      () => deep(10_000),
      () => `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
      () => rng.pick(['{"username":123,"password":[]}', '{"name":{"x":1}}', 'null', 'true', '"s"', '[]', '{"target":["a"]}']),
      () =>
        rng.pick([
          '{"__proto__":{"polluted":1}}',
          '{"constructor":{"prototype":{"polluted":1}}}',
          '{"name":"x","__proto__":{"role":"admin"}}',
        ]),
      () => JSON.stringify({ name: 'n'.repeat(rng.pick([1000, 100_000, (1 << 20) - 20, (1 << 20) + 100, 3 << 20])) }),
      () => rng.bytes(rng.int(4096)),
    ])(),
  );
}

const COOKIES = (rng: Rng) =>
  rng.pick([
    () => 'porthole_session=%zz',
    () => `porthole_session=${rng.ascii(40).replace(/;/g, '')}`,
    () => Array.from({ length: 1 + rng.int(300) }, (_, i) => `c${i}=${rng.int(1e9)}`).join('; '),
    () => `porthole_session=${'a'.repeat(4096)}`,
    () => 'porthole_session=a; porthole_session=b; porthole_session=',
    () => rng.pick([';', '=', '==', 'porthole_session', '; ; ;', `${rng.ascii(30)}`]),
  ])();

const AUTHORIZATIONS = (rng: Rng, token: string) =>
  rng.pick([
    '',
    'Bearer',
    'Bearer ',
    `Bearer ${token}x`,
    `bearer ${token}`,
    `Bearer  ${token}`,
    'Basic YWRtaW46YWRtaW4=',
    `Bearer ${'a'.repeat(300)}`,
    `Bearer pht_${rng.ascii(20).replace(/\s/g, '')}`,
    `Token ${token}`,
    `Bearer ${token}, Bearer x`,
    rng.ascii(50),
  ]);

/** One random request for a random route and method. */
export function fuzzRequest(ctx: FuzzContext, routes: RegisteredRoute[]): FuzzRequest {
  const { rng } = ctx;
  const route = rng.pick(routes);
  const path = fillPattern(ctx, route);
  const query = [rng.bool(0.6) ? validQuery(route.url, rng) : '', rng.bool(0.5) ? randomQuery(rng) : ''].filter(Boolean).join('&');
  const headers: Record<string, string> = {};
  if (rng.bool(0.5)) headers.authorization = `Bearer ${ctx.token}`;
  else if (rng.bool(0.7)) headers.authorization = AUTHORIZATIONS(rng, ctx.token);
  if (rng.bool(0.4)) headers.cookie = COOKIES(rng);
  const withBody = !['GET', 'HEAD'].includes(route.method) ? rng.bool(0.85) : rng.bool(0.05);
  let body: Buffer | undefined;
  if (withBody) {
    body = randomBody(route.url, rng);
    const type = rng.bool(0.75) ? rng.pick(JSON_TYPES) : rng.pick(OTHER_TYPES);
    if (type) headers['content-type'] = type;
  }
  if (rng.bool(0.1)) headers.origin = rng.pick(['http://evil.example', 'null', `http://127.0.0.1:${rng.int(65536)}`]);
  const raw = (withBody && ['GET', 'HEAD'].includes(route.method)) || rng.bool(0.2);
  return { route: `${route.method} ${route.url}`, method: route.method, target: query ? `${path}?${query}` : path, headers, body, raw };
}
