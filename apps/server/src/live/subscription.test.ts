import { describe, expect, it } from 'vitest';
import { SubscriptionQueue } from './subscription.ts';

describe('SubscriptionQueue', () => {
  it('latest keeps only the newest item', () => {
    const q = new SubscriptionQueue<unknown>('s1', { kind: 'latest' });
    for (let i = 0; i < 100; i++) q.push(i);
    expect(q.drain(1000)).toEqual([{ type: 'data', id: 's1', items: [99] }]);
    expect(q.pending).toBe(false);
    expect(q.drain(1000)).toEqual([]);
  });

  it('stream keeps items in order up to its limit', () => {
    const q = new SubscriptionQueue<unknown>('s', { kind: 'stream', limit: 5 });
    for (let i = 0; i < 3; i++) q.push(i);
    expect(q.drain(1000)).toEqual([{ type: 'data', id: 's', items: [0, 1, 2] }]);
  });

  it('stream drops beyond its limit and reports the skipped count before the next items', () => {
    const q = new SubscriptionQueue<unknown>('logs', { kind: 'stream', limit: 5 });
    for (let i = 0; i < 12; i++) q.push(i);
    expect(q.drain(1000)).toEqual([
      { type: 'data', id: 'logs', items: [0, 1, 2, 3, 4] },
      { type: 'skipped', id: 'logs', count: 7 },
    ]);
    q.push('next');
    expect(q.drain(1000)).toEqual([{ type: 'data', id: 'logs', items: ['next'] }]);
  });

  it('puts the skipped marker between the kept items and the items accepted after the drop', () => {
    const q = new SubscriptionQueue<unknown>('logs', { kind: 'stream', limit: 4 });
    for (let i = 0; i < 6; i++) q.push(i);
    expect(q.drain(2)).toEqual([{ type: 'data', id: 'logs', items: [0, 1] }]);
    q.push('a');
    expect(q.drain(100)).toEqual([
      { type: 'data', id: 'logs', items: [2, 3] },
      { type: 'skipped', id: 'logs', count: 2 },
      { type: 'data', id: 'logs', items: ['a'] },
    ]);
    expect(q.pending).toBe(false);
  });

  it('keeps data and control messages in the order they arrived', () => {
    const q = new SubscriptionQueue<unknown>('s', { kind: 'stream', limit: 100 });
    q.pushControl({ type: 'state', id: 's', state: 'live' });
    q.push(1);
    q.pushControl({ type: 'state', id: 's', state: 'reconnecting' });
    q.push(2);
    expect(q.drain(100)).toEqual([
      { type: 'state', id: 's', state: 'live' },
      { type: 'data', id: 's', items: [1] },
      { type: 'state', id: 's', state: 'reconnecting' },
      { type: 'data', id: 's', items: [2] },
    ]);
  });

  it('latest keeps the newest item but every control message', () => {
    const q = new SubscriptionQueue<unknown>('st', { kind: 'latest' });
    q.pushControl({ type: 'state', id: 'st', state: 'live' });
    q.push('old');
    q.push('new');
    q.pushControl({ type: 'end', id: 'st' });
    expect(q.drain(10)).toEqual([
      { type: 'state', id: 'st', state: 'live' },
      { type: 'data', id: 'st', items: ['new'] },
      { type: 'end', id: 'st' },
    ]);
  });

  it('never holds more than its limit, however many items arrive', () => {
    const q = new SubscriptionQueue<unknown>('s', { kind: 'stream', limit: 100 });
    for (let i = 0; i < 100_000; i++) q.push(i);
    const frames = q.drain(1_000_000);
    expect((frames[0] as { items: unknown[] }).items).toHaveLength(100);
    expect(frames[1]).toEqual({ type: 'skipped', id: 's', count: 99_900 });
  });

  it('drains in frames of at most maxItems and sends control messages after the data before them', () => {
    const q = new SubscriptionQueue<unknown>('s', { kind: 'stream', limit: 100 });
    for (let i = 0; i < 5; i++) q.push(i);
    q.pushControl({ type: 'end', id: 's' });
    expect(q.drain(3)).toEqual([{ type: 'data', id: 's', items: [0, 1, 2] }]);
    expect(q.pending).toBe(true);
    expect(q.drain(3)).toEqual([
      { type: 'data', id: 's', items: [3, 4] },
      { type: 'end', id: 's' },
    ]);
    expect(q.pending).toBe(false);
  });

  it('never drops control messages', () => {
    const q = new SubscriptionQueue<unknown>('s', { kind: 'stream', limit: 1 });
    q.pushControl({ type: 'state', id: 's', state: 'live' });
    for (let i = 0; i < 10; i++) q.push(i);
    q.pushControl({ type: 'state', id: 's', state: 'reconnecting', message: 'x' });
    expect(q.drain(100)).toEqual([
      { type: 'state', id: 's', state: 'live' },
      { type: 'data', id: 's', items: [0] },
      { type: 'skipped', id: 's', count: 9 },
      { type: 'state', id: 's', state: 'reconnecting', message: 'x' },
    ]);
  });
});
