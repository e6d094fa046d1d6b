import type { ServerMessage } from '@porthole/shared/live';
import type { LogLine } from '@porthole/shared/logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directDocker, dockerOk, testRun } from './docker-cli.ts';
import { waitFor } from './harness.ts';
import { openLiveClient } from './live-client.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

const MB = 1024 * 1024;
const LINES = 1_000_000;

/**
 * Acceptance 4 of issue 4: a websocket client that stops reading while a container writes
 * 1,000,000 lines costs the server < 50 MB of RSS; when it reads again it gets a `skipped`
 * marker, then live lines; a client reading alongside it gets every line, in order.
 */
describe('backpressure (acceptance 4)', () => {
  const run = testRun();
  let server: ServerProcess;
  let cookie: string;

  beforeAll(async () => {
    server = await startServerProcess({ LOG_LEVEL: 'warn', PORTHOLE_STATS_SAMPLE_SECONDS: '0' });
    cookie = await server.login();
  });
  afterAll(async () => {
    await server?.stop();
    await run.cleanup();
  });

  it('a client that stops reading gets a skipped marker then live lines; the server stays within 50 MB; others get every line', async () => {
    // Writes 1,000,000 numbered lines when /go appears, then a live line every 100 ms.
    const id = await run.startFixture([
      'sh',
      '-c',
      `while [ ! -e /go ]; do sleep 0.05; done; seq 1 ${LINES}; i=0; while :; do i=$((i+1)); echo live-$i; sleep 0.1; done`,
    ]);

    const slow = await openLiveClient(server.url, cookie);
    const fast = await openLiveClient(server.url, cookie);
    // The reading client checks order on the fly instead of keeping a million lines.
    let next = 1;
    let outOfOrder = '';
    let fastSkipped = 0;
    let fastLive = 0;
    fast.ws.on('message', () => {
      const msg = fast.messages.at(-1) as ServerMessage;
      if (msg.type === 'skipped') fastSkipped += msg.count;
      if (msg.type !== 'data') return;
      fast.messages.pop();
      for (const line of msg.items as LogLine[]) {
        if (line[2].startsWith('live-')) fastLive++;
        else if (line[2] === String(next)) next++;
        else outOfOrder ||= `expected ${next}, got ${line[2]}`;
      }
    });
    try {
      for (const c of process.env.BP_NO_SLOW ? [fast] : [slow, fast]) {
        c.subscribe('l', 'logs', { container: id });
        await waitFor('the live tail', () => c.messages.some((m) => m.type === 'state' && m.state === 'live'));
      }
      // Stop reading: nothing more is taken off the TCP socket, so the server's send buffer fills.
      slow.ws.pause();
      const before = server.memory();
      await dockerOk(directDocker(), ['exec', id, 'touch', '/go']);

      await waitFor('the reading client to get all lines', () => next > LINES || outOfOrder !== '', 180_000);
      const after = server.memory();
      expect(outOfOrder).toBe('');
      expect(fastSkipped).toBe(0);
      const growth = after.hwm - before.hwm;
      console.info(`[rss] 1,000,000 lines with a stalled client: VmHWM ${mb(before.hwm)} → ${mb(after.hwm)} MB (+${mb(growth)} MB)`);
      expect(growth).toBeLessThan(50 * MB);

      // Reading again: what was queued, then the skipped marker, then live lines.
      const seenBefore = slow.messages.length;
      slow.ws.resume();
      await waitFor(
        'a live line after the skipped marker',
        () => {
          const i = slow.messages.findIndex((m) => m.type === 'skipped');
          return (
            i >= 0 && slow.messages.slice(i).some((m) => m.type === 'data' && (m.items as LogLine[]).some((l) => l[2].startsWith('live-')))
          );
        },
        30_000,
      );
      const msgs = slow.messages.slice(seenBefore);
      const skipped = msgs.find((m) => m.type === 'skipped') as Extract<ServerMessage, { type: 'skipped' }>;
      expect(skipped.count).toBeGreaterThan(0);
      const received = slow.items<LogLine>('l').filter((l) => !l[2].startsWith('live-')).length;
      // Every numbered line was either delivered or counted as skipped (a marker per gap).
      const skippedTotal = slow.messages.reduce((n, m) => n + (m.type === 'skipped' ? m.count : 0), 0);
      expect(received + skippedTotal).toBeGreaterThanOrEqual(LINES);
      expect(received).toBeLessThan(LINES);
      expect(fastLive).toBeGreaterThan(0);
    } finally {
      slow.close();
      fast.close();
    }
  }, 300_000);
});

const mb = (n: number) => (n / MB).toFixed(1);
