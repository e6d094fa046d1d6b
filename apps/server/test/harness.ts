import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

export const ADMIN_PASSWORD = 'correct horse battery staple 42';

export interface TestServer {
  app: FastifyInstance;
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  dataDir: string;
  /** Signs in as admin and returns the `Cookie` header value of the session. */
  login(): Promise<string>;
  /** Creates an API token (signed in with `cookie`) and returns the token. */
  createToken(cookie: string, name?: string): Promise<string>;
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-test-'));
}

/**
 * Starts `buildApp` in this process on 127.0.0.1, a free port and a fresh data dir. In-process on
 * purpose: these tests reach into the app (`app.inject`, decorators) and exercise the same source
 * the bundle is built from; tests that need the shipped server itself (RSS, CPU, its log output,
 * process signals) start the build with `startServerProcess` (server-process.ts).
 */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = tempDataDir();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PORTHOLE_DATA_DIR: dataDir,
    PORTHOLE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PORTHOLE_WEB_DIST: path.join(dataDir, 'no-web'),
    LOG_LEVEL: 'silent',
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...env,
  });
  const app = await buildApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return clientFor(`http://127.0.0.1:${address.port}`, address.port, dataDir, {
    app,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export function clientFor(url: string, port: number, dataDir: string, rest: { app: FastifyInstance; close(): Promise<void> }): TestServer {
  // Like the SPA in a browser, which sends its Origin with every change: a cookie-authenticated
  // request gets this server's own Origin unless the test sets one.
  const fetchPath = (pathname: string, init?: RequestInit) => fetch(url + pathname, asPage(url, init));
  return {
    ...rest,
    url,
    port,
    dataDir,
    fetch: fetchPath,
    login: () => login(url),
    createToken: (cookie, name = 'test') => createToken(url, cookie, name),
  };
}

/** Adds `Origin: <server>` to a request that carries a cookie and no Origin (what a browser does). */
export function asPage(url: string, init?: RequestInit): RequestInit | undefined {
  const headers = new Headers(init?.headers);
  if (!headers.has('cookie') || headers.has('origin')) return init;
  headers.set('origin', url);
  return { ...init, headers };
}

export async function login(url: string, password = ADMIN_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('porthole_session='));
  if (!setCookie) throw new Error('login set no session cookie');
  return setCookie.split(';')[0] as string;
}

export async function createToken(url: string, cookie: string, name: string): Promise<string> {
  const res = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: url },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface JsonAnswer<T> {
  status: number;
  /** The parsed body when the answer is JSON, else undefined. */
  body: T;
  text: string;
}

/** One call signed in with `cookie`, a JSON body when given; parses a JSON answer. */
export async function callJson<T>(server: TestServer, cookie: string, method: string, url: string, body?: unknown): Promise<JsonAnswer<T>> {
  const res = await server.fetch(url, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = /json/.test(res.headers.get('content-type') ?? '') && text;
  return { status: res.status, body: (json ? JSON.parse(text) : undefined) as T, text };
}
