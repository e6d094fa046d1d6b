import { describe, expect, it } from 'vitest';
import { shareRowsById } from './share-rows.ts';

type Row = { Id: string; State: string; Ports: number[] };
const share = shareRowsById<Row>((r) => r.Id);
const row = (Id: string, State = 'exited', Ports: number[] = []): Row => ({ Id, State, Ports });
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('shareRowsById', () => {
  it('keeps the object of every unchanged row when rows come in at the front, the middle or the end, or go', () => {
    const old = ['a', 'b', 'c', 'd'].map((id) => row(id));
    const cases: Row[][] = [
      [row('new'), ...copy(old)],
      [...copy(old).slice(0, 2), row('new'), ...copy(old).slice(2)],
      [...copy(old), row('new')],
      copy(old).slice(1),
      copy(old).reverse(),
    ];
    for (const next of cases) {
      const out = share(old, next) as Row[];
      expect(out.map((r) => r.Id)).toEqual(next.map((r) => r.Id));
      for (const r of out) if (r.Id !== 'new') expect(r).toBe(old.find((o) => o.Id === r.Id));
    }
  });

  it('gives a changed row its new content (and a new object), and keeps the whole list when nothing changed', () => {
    const old = [row('a'), row('b', 'running', [80])];
    const changed = share(old, [row('a'), row('b', 'running', [80, 443])]) as Row[];
    expect(changed[0]).toBe(old[0]);
    expect(changed[1]).not.toBe(old[1]);
    expect(changed[1]?.Ports).toEqual([80, 443]);
    expect(share(old, copy(old))).toBe(old);
  });

  it('takes the first list as it comes (nothing cached yet)', () => {
    const first = [row('a')];
    expect(share(undefined, first)).toEqual([row('a')]);
  });
});
