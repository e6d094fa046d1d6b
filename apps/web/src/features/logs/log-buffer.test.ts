import type { LogLine } from '@porthole/shared/logs';
import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer.ts';

const lines = (n: number, from = 0): LogLine[] =>
  Array.from({ length: n }, (_, i) => [`2026-01-01T00:00:${String(from + i).padStart(2, '0')}Z`, 1, `line ${from + i}`] as LogLine);

describe('LogBuffer: what "N new lines" counts', () => {
  it('counts only lines noted as live, not backfilled or prepended ones, and forgets them on clear', () => {
    const b = new LogBuffer();
    b.append(lines(50));
    b.prepend(lines(5));
    expect(b.unseen).toBe(0);
    b.append(lines(3, 50));
    b.noteLive(3);
    expect(b.unseen).toBe(3);
    b.markSeen();
    expect(b.unseen).toBe(0);
    b.noteLive(2);
    b.clear();
    b.append(lines(40));
    expect(b.unseen).toBe(0);
  });
});
