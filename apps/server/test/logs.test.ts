import type { LogItem, LogLine } from '@porthole/shared/logs';
import { describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE, directDocker, docker, dockerOk, testRun } from './docker-cli.ts';
import { waitFor } from './harness.ts';
import { type LiveClient, openLiveClient, upstreamGauge } from './live-client.ts';
import { useTestServer } from './support/server-fixture.ts';

const isLine = (i: LogItem): i is LogLine => Array.isArray(i);

/** Live tail + backfill joined at the backfill's cursor, as the web view does. */
async function follow(client: LiveClient, container: string, backfill: Record<string, unknown> = {}) {
  client.subscribe('live', 'logs', { container });
  await waitFor('the live tail', () => client.messages.some((m) => m.type === 'state' && m.id === 'live' && m.state === 'live'));
  client.subscribe('bf', 'logs-backfill', { container, request: 'r1', tail: 'all', ...backfill });
  await waitFor('the backfill end', () => client.messages.some((m) => m.type === 'end' && m.id === 'bf'), 60_000);
  const items = client.items<LogItem>('bf');
  const cursor = (items.at(-1) as { cursor: string }).cursor;
  return () => [...items.filter(isLine), ...client.items<LogLine>('live').filter((l) => l[0] > cursor)];
}

describe('logs (acceptance 1 + 3)', () => {
  const run = testRun();
  const t = useTestServer({ run });
  const direct = directDocker();
  const start = async (args: string[]) => (await dockerOk(direct, ['run', '-d', ...run.labelArgs, ...args])).trim();

  it('following from the start receives all 200,000 numbered lines, in order, no duplicate, no gap', async () => {
    const id = await start([FIXTURE_IMAGE, 'sh', '-c', 'sleep 1; seq 1 200000; sleep 600']);
    const client = await openLiveClient(t.server.url, t.cookie);
    try {
      const lines = await follow(client, id);
      const all = await waitFor(
        'line 200000',
        () => {
          const l = lines();
          return l.at(-1)?.[2] === '200000' && l;
        },
        60_000,
      );
      expect(all).toHaveLength(200_000);
      for (let i = 0; i < all.length; i++) if (all[i]?.[2] !== String(i + 1)) expect(all[i]?.[2]).toBe(String(i + 1));
      expect(client.messages.some((m) => m.type === 'skipped')).toBe(false);
    } finally {
      client.close();
    }
  });

  it('a regex search returns exactly the lines docker logs | grep -E returns, and only those travel', async () => {
    const id = await start([FIXTURE_IMAGE, 'sh', '-c', 'seq 1 200000']);
    await dockerOk(direct, ['wait', id]);
    const pattern = '^1[0-9]*7$';
    const grep = (await dockerOk(direct, ['logs', id])).split('\n').filter((l) => new RegExp(pattern).test(l));
    const client = await openLiveClient(t.server.url, t.cookie);
    try {
      client.subscribe('s', 'logs-backfill', { container: id, request: 'q', search: { pattern, regex: true } });
      await waitFor('the search end', () => client.messages.some((m) => m.type === 'end' && m.id === 's'), 30_000);
      const got = client
        .items<LogItem>('s')
        .filter(isLine)
        .map((l) => l[2]);
      expect(got).toEqual(grep);
      expect(got.length).toBeGreaterThan(1000);
      // Nothing but matching lines (and the one cursor) crossed the socket.
      expect(client.items<LogItem>('s')).toHaveLength(grep.length + 1);
    } finally {
      client.close();
    }
  });

  it('marks stderr lines; a tty container shows its output without header garbage', async () => {
    const plain = await start([FIXTURE_IMAGE, 'sh', '-c', 'echo to-out; echo to-err >&2']);
    const tty = await start(['-t', FIXTURE_IMAGE, 'sh', '-c', 'printf "\\033[31mred\\033[0m\\n"; echo second']);
    await dockerOk(direct, ['wait', plain]);
    await dockerOk(direct, ['wait', tty]);
    const client = await openLiveClient(t.server.url, t.cookie);
    try {
      client.subscribe('p', 'logs-backfill', { container: plain, request: 'p' });
      client.subscribe('t', 'logs-backfill', { container: tty, request: 't' });
      await waitFor('both ends', () => client.messages.filter((m) => m.type === 'end').length === 2);
      const p = client.items<LogItem>('p').filter(isLine);
      expect(p.map((l) => [l[1], l[2]]).sort()).toEqual(
        [
          [1, 'to-out'],
          [2, 'to-err'],
        ].sort(),
      );
      expect(
        client
          .items<LogItem>('t')
          .filter(isLine)
          .map((l) => [l[1], l[2]]),
      ).toEqual([
        [0, '\x1b[31mred\x1b[0m'],
        [0, 'second'],
      ]);
      for (const l of p) expect(l[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    } finally {
      client.close();
    }
  });

  it('downloads the filtered range as text', async () => {
    const name = `porthole-test-logs-${process.pid}`;
    const id = await start(['--name', name, FIXTURE_IMAGE, 'sh', '-c', 'seq 1 2000']);
    await dockerOk(direct, ['wait', id]);
    const res = await t.server.fetch(`/api/engines/local/containers/${id}/logs/download?q=99&tail=all`, { headers: { cookie: t.cookie } });
    expect(res.status).toBe(200);
    // Saved under the container's name, as `docker logs <name> > <name>-logs.txt` would be.
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}-logs.txt"`);
    const lines = (await res.text()).trim().split('\n');
    expect(lines).toEqual(Array.from({ length: 2000 }, (_, i) => String(i + 1)).filter((l) => l.includes('99')));
    const bad = await t.server.fetch(`/api/engines/local/containers/${id}/logs/download?q=(&regex=true`, { headers: { cookie: t.cookie } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/Invalid regular expression/);
  });

  it('10 clients share one upstream logs stream; closed within 1 s; 500 subscribe/unsubscribe cycles leave nothing', async () => {
    const id = await start([FIXTURE_IMAGE, 'sh', '-c', 'while :; do echo tick; sleep 0.1; done']);
    const clients: LiveClient[] = [];
    for (let i = 0; i < 10; i++) clients.push(await openLiveClient(t.server.url, t.cookie));
    for (const c of clients) c.subscribe('l', 'logs', { container: id });
    await waitFor('every client to get lines', () => clients.every((c) => c.items('l').length > 0), 10_000);
    expect((await upstreamGauge(t.server.url, t.cookie)).logs).toBe(1);
    for (const c of clients) c.close();
    const closedAt = Date.now();
    await waitFor('the upstream to close', async () => ((await upstreamGauge(t.server.url, t.cookie)).logs ?? 0) === 0, 1000);
    expect(Date.now() - closedAt).toBeLessThan(1000);

    const churn = await openLiveClient(t.server.url, t.cookie);
    for (let i = 0; i < 500; i++) {
      churn.subscribe(`c${i}`, i % 2 ? 'logs' : 'stats', { container: id });
      churn.unsubscribe(`c${i}`);
    }
    churn.subscribe('ping', 'events');
    await waitFor('the last message handled', () => churn.messages.some((m) => m.type === 'state' && m.id === 'ping'));
    churn.close();
    await waitFor('no upstream left', () => t.server.app.live.upstreamCounts().length === 0, 2000);
    expect(t.server.app.live.subscriptionCount).toBe(0);
    expect(t.server.app.live.clientCount).toBe(0);
    const stillOpen = await docker(direct, ['ps', '-q', '--filter', `id=${id}`]);
    expect(stillOpen.stdout.trim()).not.toBe('');
  });
});
