import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';

describe('Backoff', () => {
  it('doubles up to the maximum and starts over after a reset', () => {
    const b = new Backoff(1000, 8000, () => 0.5);
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([1000, 2000, 4000, 8000, 8000]);
    b.reset();
    expect(b.next()).toBe(1000);
  });

  it('jitters within ±20 %', () => {
    expect(new Backoff(1000, 8000, () => 0).next()).toBe(800);
    expect(new Backoff(1000, 8000, () => 1).next()).toBe(1200);
  });

  it('never overflows after many failures', () => {
    const b = new Backoff(1000, 60_000, () => 0.5);
    for (let i = 0; i < 1000; i++) b.next();
    expect(b.next()).toBe(60_000);
  });
});
