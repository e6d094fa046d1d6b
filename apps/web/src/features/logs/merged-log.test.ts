import type { LogLine } from '@porthole/shared/logs';
import { describe, expect, it } from 'vitest';
import type { LiveSocket, SubscriptionHandlers } from '../../lib/live-socket.ts';
import { LogBuffer } from './log-buffer.ts';
import { MergedLog, type MergedSource } from './merged-log.ts';

/** A fake of the live socket: records subscriptions so the test plays the server. */
class FakeSocket {
  subs: Array<{ topic: string; params: Record<string, unknown>; h: SubscriptionHandlers; open: boolean }> = [];
  subscribe(_engine: string, topic: string, params: Record<string, unknown>, h: SubscriptionHandlers) {
    const sub = { topic, params, h, open: true };
    this.subs.push(sub);
    return () => {
      sub.open = false;
    };
  }
  find(topic: string, container: string) {
    const sub = this.subs.filter((s) => s.open && s.topic === topic && s.params.container === container).at(-1);
    if (!sub) throw new Error(`no open ${topic} subscription for ${container}`);
    return sub.h;
  }
}

const t = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, '0')}.000000000Z`;
const l = (s: number, text: string): LogLine => [t(s), 1, text];

function setup(containers: string[]) {
  const socket = new FakeSocket();
  const buffer = new LogBuffer();
  let sources: MergedSource[] = [];
  const m = new MergedLog(
    socket as unknown as LiveSocket,
    'local',
    { tail: 100 },
    buffer,
    () => undefined,
    (s) => {
      sources = s;
    },
  );
  m.set(containers);
  const seen = () => buffer.texts.map((x, i) => `${x}@${sources.find((s) => s.source === buffer.sources[i])?.container}`);
  return { socket, buffer, m, seen, sources: () => sources };
}

/** Server side of one container: the tail goes live, then its backfill sends lines and ends. */
function goLive(socket: FakeSocket, c: string) {
  socket.find('logs', c).onState?.('live');
}
function backfill(socket: FakeSocket, c: string, lines: LogLine[]) {
  const h = socket.find('logs-backfill', c);
  h.onItems?.([...lines, { cursor: lines.at(-1)?.[0] ?? '' }]);
  h.onEnd?.();
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('MergedLog', () => {
  it('holds backfills until all ended, merges them, then inserts live lines that arrive out of order', async () => {
    const { socket, seen } = setup(['a', 'b']);
    goLive(socket, 'a');
    goLive(socket, 'b');
    backfill(socket, 'a', [l(1, 'a1'), l(3, 'a3')]);
    await settle();
    socket.find('logs', 'a').onItems?.([l(5, 'a5')]);
    expect(seen()).toEqual([]); // b is still loading: nothing shown half-merged
    backfill(socket, 'b', [l(2, 'b2'), l(4, 'b4')]);
    await settle();
    expect(seen()).toEqual(['a1@a', 'b2@b', 'a3@a', 'b4@b', 'a5@a']);
    // b's line of second 4.5 arrives after a's line of second 5: it goes before it.
    socket.find('logs', 'b').onItems?.([['2026-01-01T00:00:04.500000000Z', 1, 'b4.5']]);
    // Ties: same second from both, in arrival order.
    socket.find('logs', 'b').onItems?.([l(6, 'b6')]);
    socket.find('logs', 'a').onItems?.([l(6, 'a6')]);
    expect(seen()).toEqual(['a1@a', 'b2@b', 'a3@a', 'b4@b', 'b4.5@b', 'a5@a', 'b6@b', 'a6@a']);
  });

  it('drops a removed container and follows an added one; an unknown one fails alone', async () => {
    const { socket, seen, m, sources } = setup(['a', 'b']);
    for (const c of ['a', 'b']) goLive(socket, c);
    backfill(socket, 'a', [l(1, 'a1'), l(4, 'a4')]);
    backfill(socket, 'b', [l(2, 'b2')]);
    await settle();
    m.set(['a']);
    expect(seen()).toEqual(['a1@a', 'a4@a']);
    expect(socket.subs.filter((s) => s.params.container === 'b').every((s) => !s.open)).toBe(true);

    m.set(['a', 'ghost', 'c']);
    socket.find('logs', 'ghost').onState?.('reconnecting', 'No such container: ghost');
    socket.find('logs-backfill', 'ghost').onState?.('reconnecting', 'No such container: ghost');
    goLive(socket, 'c');
    backfill(socket, 'c', [l(3, 'c3')]);
    await settle();
    expect(seen()).toEqual(['a1@a', 'c3@c', 'a4@a']);
    expect(sources().find((s) => s.container === 'ghost')?.status.error).toBe('No such container: ghost');
    expect(sources().find((s) => s.container === 'c')?.status.phase).toBe('live');
    // a keeps its colour (source index) while c takes the lowest free one.
    expect(sources().map((s) => [s.container, s.source])).toEqual([
      ['a', 1],
      ['ghost', 2],
      ['c', 3],
    ]);
  });

  it('a name the server would refuse fails alone, at once, without holding the others', async () => {
    const { socket, seen, sources } = setup(['a', 'no such/name']);
    goLive(socket, 'a');
    backfill(socket, 'a', [l(1, 'a1')]);
    await settle();
    expect(seen()).toEqual(['a1@a']);
    expect(sources().find((s) => s.container === 'no such/name')?.status).toMatchObject({
      phase: 'done',
      error: '“no such/name” is not a container name or id',
    });
    expect(socket.subs.some((s) => s.params.container === 'no such/name')).toBe(false);
  });
});
