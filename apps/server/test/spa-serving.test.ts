import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startServer, tempDataDir } from './harness.ts';

/** A built SPA as `vite build` leaves it: hashed assets with .br/.gz copies, index.html with its copies. */
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `export const views = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `view-${i}`))};\n`;
const MANIFEST = '{"index.html":{"file":"assets/index-AbC123.js","isEntry":true}}';

function writeSpa(dir: string): void {
  const write = (name: string, body: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
    fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(body));
    fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(body));
  };
  write('index.html', INDEX);
  write('assets/index-AbC123.js', SCRIPT);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.mkdirSync(path.join(dir, '.vite'));
  fs.writeFileSync(path.join(dir, '.vite/manifest.json'), MANIFEST);
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent (still compressed when content-encoding says so). */
  raw: Buffer;
  /** The body decoded per content-encoding. */
  text: string;
}

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode). */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          // A 304 carries the headers of the copy it stands for, and no body.
          const encoding = raw.length ? res.headers['content-encoding'] : undefined;
          const body = encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text: body.toString('utf8') });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('serving the built SPA', () => {
  let server: TestServer;
  const webDir = tempDataDir();
  const script = '/assets/index-AbC123.js';

  beforeAll(async () => {
    writeSpa(webDir);
    server = await startServer({ PORTHOLE_WEB_DIST: webDir });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('sends the brotli copy to a browser that accepts it, the gzip copy to one that accepts only gzip, the file to others', async () => {
    const br = await get(server.url + script, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.raw.equals(fs.readFileSync(path.join(webDir, 'assets/index-AbC123.js.br')))).toBe(true);
    expect(br.text).toBe(SCRIPT);
    expect(br.headers['content-type']).toMatch(/^(application|text)\/javascript/);

    const gz = await get(server.url + script, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(SCRIPT);

    const refusesBrotli = await get(server.url + script, { 'accept-encoding': 'br;q=0, gzip' });
    expect(refusesBrotli.headers['content-encoding']).toBe('gzip');

    const plain = await get(server.url + script);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.toString()).toBe(SCRIPT);

    for (const res of [br, gz, refusesBrotli, plain]) {
      expect(res.status).toBe(200);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('caches hashed assets for a year as immutable', async () => {
    for (const encoding of ['br', 'gzip', '']) {
      const res = await get(server.url + script, encoding ? { 'accept-encoding': encoding } : {});
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('revalidates index.html, at / and at every SPA route, and answers 304 when it has not changed', async () => {
    for (const url of ['/', '/containers', '/containers/abc/logs?q=x', '/login']) {
      const res = await get(server.url + url, { 'accept-encoding': 'br' });
      expect(res.status, url).toBe(200);
      expect(res.text, url).toBe(INDEX);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers.vary, url).toMatch(/accept-encoding/i);
      // The CSP the SPA runs under: its own scripts only.
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
    }
    const first = await get(`${server.url}/containers`, { 'accept-encoding': 'gzip' });
    expect(first.headers.etag).toBeTruthy();
    const again = await get(`${server.url}/containers`, { 'accept-encoding': 'gzip', 'if-none-match': first.headers.etag as string });
    expect(again.status).toBe(304);
  });

  it('revalidates the other files (no content hash in their names)', async () => {
    const res = await get(`${server.url}/favicon.svg`, { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('does not serve the build manifest', async () => {
    const res = await get(`${server.url}/.vite/manifest.json`);
    expect(res.text).not.toContain('isEntry');
  });

  it('answers a missing asset with an error, not the SPA (401 before sign-in, like every unmatched path)', async () => {
    const res = await get(`${server.url}/assets/index-Gone99.js`, { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).not.toContain('<div id="root">');
  });

  it('answers unknown /api paths with 401 JSON without a session, 404 JSON with one', async () => {
    for (const url of ['/api', '/api/nope', '/api/engines/local/nothing-here']) {
      const res = await get(server.url + url, { 'accept-encoding': 'br, gzip' });
      expect(res.status, url).toBe(401);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(JSON.parse(res.text).message, url).toMatch(/401 Unauthorized: sign in first/);
    }
    const cookie = await server.login();
    const res = await get(`${server.url}/api/nope`, { cookie });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).message).toBe('No route GET /api/nope');
  });
});
