import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalesce.ts';

describe('Coalescer', () => {
  it('joins small pieces and lets them go on within a few milliseconds', async () => {
    const out: string[] = [];
    const c = new Coalescer((d) => out.push(d.toString()));
    c.push(Buffer.from('a'));
    c.push(Buffer.from('b'));
    c.push(Buffer.alloc(0));
    expect(out).toEqual([]);
    await expect.poll(() => out, { timeout: 100, interval: 1 }).toEqual(['ab']);
  });

  it('lets them go at once at 64 KiB or when told (the end of a response); discard drops them', async () => {
    const out: number[] = [];
    const c = new Coalescer((d) => out.push(d.length));
    c.push(Buffer.alloc(40_000));
    c.push(Buffer.alloc(30_000));
    expect(out).toEqual([70_000]);
    c.push(Buffer.from('x'));
    c.push(Buffer.from('yz'), true);
    expect(out).toEqual([70_000, 3]);
    c.push(Buffer.from('lost'));
    c.discard();
    await new Promise((r) => setTimeout(r, 10));
    expect(out).toEqual([70_000, 3]);
  });
});
