import http from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { headersOf, helmetOptions } from './security-headers.ts';

/** The headers helmet itself sets on a real answer, run per request as a middleware would be. */
async function helmetPerRequest(hsts: boolean): Promise<Record<string, string>> {
  const apply = helmet(helmetOptions({ hsts }));
  const server = http.createServer((req, res) => apply(req, res, () => res.end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x?y=1`, {
      headers: { origin: 'http://evil.example' },
    });
    const out: Record<string, string> = {};
    for (const [name, value] of res.headers)
      if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)) out[name] = value;
    return out;
  } finally {
    server.close();
  }
}

describe('security headers, worked out once at start', () => {
  for (const hsts of [false, true]) {
    it(`are exactly what helmet sets on each answer (hsts ${hsts})`, async () => {
      const once = Object.fromEntries(headersOf(helmet(helmetOptions({ hsts }))).map(([n, v]) => [n.toLowerCase(), v]));
      const perRequest = await helmetPerRequest(hsts);
      expect(once).toEqual(perRequest);
      expect(once['content-security-policy']).toContain("frame-ancestors 'none'");
      expect('strict-transport-security' in once).toBe(hsts);
      expect(Object.keys(once).length).toBeGreaterThan(8);
    });
  }

  it('refuse a middleware that does not finish at once (nothing would be set)', () => {
    expect(() => headersOf(() => {})).toThrow(/did not finish/);
    expect(() => headersOf((_req, _res, next) => next(new Error('boom')))).toThrow(/boom/);
  });
});
