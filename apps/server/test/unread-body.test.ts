import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, type TestServer, startServer } from './harness.ts';

/** 512 KB of JSON: under the body limit (1 MB), more than loopback buffers take at once. */
const BODY = Buffer.from(`{"image":"${'x'.repeat((512 << 10) - 14)}"}`);
const FIRST = 64 << 10;
/** How long the client waits, after the first part of the body, for an answer given before the rest. */
const EARLY_ANSWER_WINDOW_MS = 300;

interface Exchange {
  status: number;
  /** The error the client met while sending the body, if any (EPIPE, ECONNRESET). */
  sendError?: string;
  answeredBeforeBody: boolean;
}

/**
 * Sends a request with `Connection: close` and a body in two parts: the headers and 64 KB, then (after
 * the server answered, or after a moment) the rest in 16 KB writes. What a client such as fetch
 * does when it writes a body while the server answers early.
 */
function exchange(port: number, head: string): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let sendError: string | undefined;
    let answeredBeforeBody = false;
    let sending = true;
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (sending) answeredBeforeBody = true;
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (sending) sendError = err.code ?? err.message;
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, sendError, answeredBeforeBody });
    });
    const write = (b: Buffer) => new Promise<void>((ok) => socket.write(b, () => ok()));
    socket.once('connect', async () => {
      try {
        await write(
          Buffer.concat([Buffer.from(`${head}Content-Length: ${BODY.length}\r\nConnection: close\r\n\r\n`), BODY.subarray(0, FIRST)]),
        );
        // An answer that does not wait for the body comes within this window.
        await new Promise<void>((ok) => {
          const t = setTimeout(ok, EARLY_ANSWER_WINDOW_MS);
          socket.once('data', () => {
            clearTimeout(t);
            ok();
          });
        });
        for (let at = FIRST; at < BODY.length && !socket.destroyed; at += 16 << 10) await write(BODY.subarray(at, at + (16 << 10)));
        sending = false;
      } catch (err) {
        reject(err);
      }
    });
  });
}

describe('an answer given before the request body was read reaches a client still sending it', () => {
  let server: TestServer;
  let cookie: string;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    cookie = await server.login();
    token = await createToken(server.url, cookie, 'unread-body');
  });
  afterAll(() => server.close());

  const host = () => `127.0.0.1:${server.port}`;
  const json = 'Content-Type: application/json\r\n';
  const cases: Array<[string, number, () => string]> = [
    ['no credentials (401)', 401, () => `POST /api/engines/local/images/pull HTTP/1.1\r\nHost: ${host()}\r\n${json}`],
    [
      'a session cookie from a foreign page (403)',
      403,
      () =>
        `POST /api/engines/local/images/pull HTTP/1.1\r\nHost: ${host()}\r\n${json}Cookie: ${cookie}\r\nOrigin: http://evil.example\r\n`,
    ],
    [
      'sign-in from a foreign page (403)',
      403,
      () => `POST /api/auth/login HTTP/1.1\r\nHost: ${host()}\r\n${json}Origin: http://evil.example\r\n`,
    ],
    [
      'an unknown route (404)',
      404,
      () => `POST /api/no-such-thing HTTP/1.1\r\nHost: ${host()}\r\n${json}Authorization: Bearer ${token}\r\n`,
    ],
    ['a body on a route that reads none (200)', 200, () => `GET /api/health HTTP/1.1\r\nHost: ${host()}\r\n${json}`],
    ['a refused Host, before Fastify (403)', 403, () => `POST /api/engines/local/images/pull HTTP/1.1\r\nHost: evil.example\r\n${json}`],
    ['an unsupported target, before Fastify (400)', 400, () => `POST ftp://x/ HTTP/1.1\r\nHost: ${host()}\r\n${json}`],
    [
      'an upload route refused before it streams (401)',
      401,
      () =>
        `PUT /api/engines/local/containers/x/files?path=/tmp&name=a HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/octet-stream\r\n`,
    ],
  ];

  it.each(cases)('%s: the answer, after the body, and no broken pipe', async (_what, status, head) => {
    const got = await exchange(server.port, head());
    expect(got).toEqual({ status, sendError: undefined, answeredBeforeBody: false });
  });
});
