import type { LogLine } from '@porthole/shared/logs';
import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer.ts';
import { mergeRuns, runOf, upperBound } from './log-merge.ts';

const t = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, '0')}.000000000Z`;
const line = (s: number, text: string, stream: 0 | 1 | 2 = 1): LogLine => [t(s), stream, text];
/** `text@source` per line, the order a reader sees. */
const seen = (b: LogBuffer) => b.texts.map((x, i) => `${x}@${b.sources[i]}`);

describe('mergeRuns', () => {
  it('interleaves several containers by timestamp', () => {
    const a = runOf([line(1, 'a1'), line(4, 'a2'), line(7, 'a3')], 1);
    const b = runOf([line(2, 'b1'), line(5, 'b2')], 2);
    const c = runOf([line(3, 'c1'), line(6, 'c2', 2), line(9, 'c3')], 3);
    const m = mergeRuns([a, b, c]);
    expect(m.texts).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'c2', 'a3', 'c3']);
    expect(Array.from(m.sources)).toEqual([1, 2, 3, 1, 2, 3, 1, 3]);
    expect(Array.from(m.streams)).toEqual([1, 1, 1, 1, 1, 2, 1, 1]);
    expect(m.times).toEqual([...m.times].sort());
  });

  it('keeps ties stable: the earlier run first, and each run in its own order', () => {
    const a = runOf([line(1, 'a1'), line(1, 'a2'), line(2, 'a3')], 1);
    const b = runOf([line(1, 'b1'), line(2, 'b2'), line(2, 'b3')], 2);
    expect(mergeRuns([a, b]).texts).toEqual(['a1', 'a2', 'b1', 'a3', 'b2', 'b3']);
    expect(mergeRuns([b, a]).texts).toEqual(['b1', 'a1', 'a2', 'b2', 'b3', 'a3']);
  });

  it('handles empty runs and a single run', () => {
    const a = runOf([line(1, 'a1')], 1);
    expect(mergeRuns([runOf([], 2), a, runOf([], 3)]).texts).toEqual(['a1']);
    expect(mergeRuns([]).texts).toEqual([]);
  });

  it('upperBound puts a newcomer after lines of the same time', () => {
    const times = [t(1), t(2), t(2), t(3)];
    expect(upperBound(times, t(2))).toBe(3);
    expect(upperBound(times, t(0))).toBe(0);
    expect(upperBound(times, t(9))).toBe(4);
  });
});

describe('LogBuffer of a merged view', () => {
  it('merges backfills, then inserts live lines that arrive out of order', () => {
    const b = new LogBuffer();
    b.merge([runOf([line(1, 'a1'), line(3, 'a2')], 1), runOf([line(2, 'b1')], 2)]);
    expect(seen(b)).toEqual(['a1@1', 'b1@2', 'a2@1']);
    // Live: container 2's line of second 5 arrives before container 1's line of second 4.
    b.insertSorted([line(5, 'b2')], 2);
    b.insertSorted([line(4, 'a3'), line(6, 'a4')], 1);
    expect(seen(b)).toEqual(['a1@1', 'b1@2', 'a2@1', 'a3@1', 'b2@2', 'a4@1']);
    expect(b.times).toEqual([...b.times].sort());
  });

  it('a live line with the time of a held line goes after it', () => {
    const b = new LogBuffer();
    b.append([line(1, 'a1'), line(2, 'a2')], 1);
    b.insertSorted([line(1, 'b1')], 2);
    b.insertSorted([line(2, 'c1')], 3);
    expect(seen(b)).toEqual(['a1@1', 'b1@2', 'a2@1', 'c1@3']);
  });

  it('merges a late backfill (a container added later) into what is held', () => {
    const b = new LogBuffer();
    b.append([line(1, 'a1'), line(3, 'a2'), line(5, 'a3')], 1);
    b.merge([runOf([line(2, 'b1'), line(3, 'b2'), line(6, 'b3')], 2)]);
    expect(seen(b)).toEqual(['a1@1', 'b1@2', 'a2@1', 'b2@2', 'a3@1', 'b3@2']);
    expect(b.stream(1)).toBe(1);
  });

  it('drops one container and keeps the others in order', () => {
    const b = new LogBuffer();
    b.merge([runOf([line(1, 'a1'), line(3, 'a2')], 1), runOf([line(2, 'b1', 2), line(4, 'b2', 2)], 2)]);
    b.removeSource(1);
    expect(seen(b)).toEqual(['b1@2', 'b2@2']);
    expect(b.stream(0)).toBe(2);
    b.insertSorted([line(3, 'b-mid')], 2);
    expect(seen(b)).toEqual(['b1@2', 'b-mid@2', 'b2@2']);
  });

  it('stays sorted under many random out-of-order live batches', () => {
    const b = new LogBuffer();
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const clocks = [0, 0, 0];
    for (let k = 0; k < 300; k++) {
      const src = Math.floor(rnd() * 3);
      const batch: LogLine[] = [];
      for (let j = 0; j < 1 + Math.floor(rnd() * 3); j++) {
        clocks[src] = (clocks[src] as number) + Math.floor(rnd() * 3);
        batch.push([`${String(clocks[src]).padStart(6, '0')}`, 1, `s${src}`]);
      }
      b.insertSorted(batch, src + 1);
    }
    expect(b.times).toEqual([...b.times].sort());
    expect(b.length).toBeGreaterThan(300);
  });
});
