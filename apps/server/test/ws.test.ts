import net from 'node:net';
import type { EngineEvent, ServerMessage } from '@porthole/shared/live';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FIXTURE_IMAGE, directDocker, dockerOk, testRun } from './docker-cli.ts';
import { waitFor } from './harness.ts';
import { useTestServer } from './support/server-fixture.ts';

/** Opens a websocket and resolves with it once open, or rejects with the HTTP status it got. */
function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`refused with ${res.statusCode}`), { status: res.statusCode }));
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

function collect(ws: WebSocket): ServerMessage[] {
  const messages: ServerMessage[] = [];
  ws.on('message', (raw) => messages.push(JSON.parse(raw.toString()) as ServerMessage));
  return messages;
}

describe('live websocket /api/ws', () => {
  let wsUrl: string;
  const run = testRun();
  const t = useTestServer({ run });

  beforeAll(async () => {
    wsUrl = `${t.server.url.replace('http:', 'ws:')}/api/ws`;
  });

  it('refuses an upgrade without a session', async () => {
    await expect(openSocket(wsUrl, { origin: t.server.url })).rejects.toMatchObject({ status: 401 });
    await expect(openSocket(wsUrl, {})).rejects.toMatchObject({ status: 401 });
    await expect(openSocket(wsUrl, { cookie: 'porthole_session=forged' })).rejects.toMatchObject({ status: 401 });
  });

  it('closes the connection of a refused upgrade (no socket is left open)', async () => {
    const socket = net.connect(t.server.port, '127.0.0.1');
    socket.write(
      `GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1:${t.server.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    let answer = '';
    socket.setEncoding('utf8').on('data', (s: string) => {
      answer += s;
    });
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await waitFor('the t.server to close the refused connection', () => socket.readyState === 'closed' || socket.destroyed, 5000);
    await closed;
    expect(answer).toMatch(/^HTTP\/1.1 401/);
  });

  it('refuses an upgrade with a session but a foreign Origin', async () => {
    await expect(openSocket(wsUrl, { cookie: t.cookie, origin: 'http://evil.example' })).rejects.toMatchObject({ status: 403 });
    await expect(openSocket(wsUrl, { cookie: t.cookie, origin: 'http://127.0.0.1:1' })).rejects.toMatchObject({ status: 403 });
    await expect(openSocket(wsUrl, { cookie: t.cookie, origin: 'null' })).rejects.toMatchObject({ status: 403 });
  });

  it('accepts an API token', async () => {
    const token = await t.server.createToken(t.cookie, 'ws');
    const ws = await openSocket(wsUrl, { authorization: `Bearer ${token}` });
    ws.close();
  });

  it('with a session and its own origin: events go live and a docker run reaches the socket', async () => {
    const ws = await openSocket(wsUrl, { cookie: t.cookie, origin: t.server.url });
    try {
      const messages = collect(ws);
      ws.send(JSON.stringify({ type: 'subscribe', id: 'ev', engine: 'local', topic: 'events' }));
      await waitFor('events to go live', () => messages.some((m) => m.type === 'state' && m.id === 'ev' && m.state === 'live'));

      const id = (
        await dockerOk(directDocker(), ['run', '-d', ...run.labelArgs, '--name', run.name('ws'), FIXTURE_IMAGE, 'sh', '-c', 'exit 0'])
      ).trim();
      const events = () => messages.flatMap((m) => (m.type === 'data' && m.id === 'ev' ? (m.items as EngineEvent[]) : []));
      await waitFor('the start event', () => events().some((e) => e.Type === 'container' && e.Action === 'start' && e.Actor.ID === id));
      const actions = events()
        .filter((e) => e.Actor.ID === id)
        .map((e) => e.Action);
      expect(actions.slice(0, 2)).toEqual(['create', 'start']);

      // While subscribed, /api/metrics shows the client and the one events upstream.
      const metrics = await (await t.server.fetch('/api/metrics', { headers: { cookie: t.cookie } })).text();
      expect(metrics).toMatch(/^porthole_ws_clients [1-9]/m);
      expect(metrics).toMatch(/^porthole_upstream_streams\{topic="events",engine="local"\} 1$/m);
    } finally {
      ws.close();
    }
  });

  it('answers bad messages with an error instead of closing', async () => {
    const ws = await openSocket(wsUrl, { cookie: t.cookie, origin: t.server.url });
    try {
      const messages = collect(ws);
      ws.send('not json');
      ws.send(JSON.stringify({ type: 'subscribe', id: 'x', engine: 'nope', topic: 'events' }));
      ws.send(JSON.stringify({ type: 'ping' }));
      await waitFor('three answers', () => messages.length >= 3);
      expect(messages[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/Invalid message/) });
      expect(messages[1]).toMatchObject({ type: 'error', id: 'x', message: 'Unknown engine "nope"' });
      expect(messages[2]).toEqual({ type: 'pong' });
    } finally {
      ws.close();
    }
  });

  it('closes the events upstream within a second after the last subscriber leaves', async () => {
    const ws = await openSocket(wsUrl, { cookie: t.cookie, origin: t.server.url });
    const messages = collect(ws);
    ws.send(JSON.stringify({ type: 'subscribe', id: 'ev', engine: 'local', topic: 'events' }));
    await waitFor('events to go live', () => messages.some((m) => m.type === 'state' && m.state === 'live'));
    expect(t.server.app.live.upstreamCounts()).toEqual([{ engine: 'local', topic: 'events', count: 1 }]);
    ws.close();
    await waitFor('the upstream to close', () => t.server.app.live.upstreamCounts().length === 0, 1000);
  });
});

describe('GET /api/metrics', () => {
  const t = useTestServer({ signIn: false });

  it('answers Prometheus text with requests, websocket clients and upstream streams', async () => {
    const cookie = await t.server.login();
    await t.server.fetch('/api/auth/me', { headers: { cookie } });
    const res = await t.server.fetch('/api/metrics', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^porthole_http_requests_total\{method="GET",route="\/api\/auth\/me",status="200"\} 1$/m);
    expect(text).toMatch(/^porthole_http_request_duration_seconds_bucket\{/m);
    expect(text).toMatch(/^porthole_ws_clients 0$/m);
    expect(text).toMatch(/^# TYPE porthole_upstream_streams gauge$/m);
  });

  it('counts proxied Engine API requests', async () => {
    const cookie = await t.server.login();
    const version = await t.server.fetch('/api/engines/local/docker/version', { headers: { cookie } });
    expect(version.status).toBe(200);
    await version.json();
    const text = await (await t.server.fetch('/api/metrics', { headers: { cookie } })).text();
    expect(text).toMatch(/^porthole_http_requests_total\{method="GET",route="\/api\/engines\/:engine\/docker\/\*",status="200"\} [1-9]/m);
  });
});
