import { LOG_LEVELS, LogEntryIndex, type LogLevel } from '@porthole/shared/log-levels';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { LogBuffer } from './log-buffer.ts';

/** The rows a log view shows: the buffer's lines of the chosen levels, continuation lines folded. */
export interface LogRows {
  /** Buffer index of each row. */
  lines: Int32Array;
  count: number;
  /** 1 for a row that continues the entry above (an unfolded stack trace's line). */
  continued: Uint8Array;
  /** First line of an entry → how many continuation lines it has. */
  more: Map<number, number>;
  isOpen(line: number): boolean;
  toggle(line: number): void;
  /** The row that shows a line, or the row of its entry when the line is folded or filtered out. */
  rowOf(line: number): number;
  /** Entries per level (LOG_LEVELS order). */
  counts: number[];
  /** Every line is a row of its own (no level chosen, no multi-line entry): the view needs no map. */
  identity: boolean;
}

/**
 * Levels and multi-line entries of a log (`LogEntryIndex` from shared): read incrementally as lines
 * arrive, re-read from the start when the buffer was cleared, cut or had older lines put in front.
 */
export function useLogEntries(buffer: LogBuffer, version: number, levels: readonly LogLevel[]): LogRows {
  const index = useRef(new LogEntryIndex()).current;
  const read = useRef<{ texts?: string[]; first?: string }>({});
  // Unfolded entries, by their first line's timestamp (indices move when older lines come in).
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    (line: number) => {
      const key = buffer.times[line] ?? '';
      setOpen((s) => {
        const next = new Set(s);
        if (!next.delete(key)) next.add(key);
        return next;
      });
    },
    [buffer],
  );

  // By value: a settings object made again (another search keystroke) must not re-map a million lines.
  const levelsKey = levels.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says the buffer changed; levelsKey stands for levels
  return useMemo(() => {
    const n = buffer.length;
    if (read.current.texts !== buffer.texts || read.current.first !== buffer.firstTime || index.lines > n) index.reset();
    index.sync(buffer.texts);
    read.current = { texts: buffer.texts, first: buffer.firstTime };
    const wanted = levels.length ? new Set(levels) : undefined;
    const counts = LOG_LEVELS.map((_, i) => index.counts[i] ?? 0);
    // The common case, and a million-line log's: one row per line, nothing to map.
    if (!wanted && index.starts.length === n)
      return {
        lines: new Int32Array(0),
        count: n,
        continued: new Uint8Array(0),
        more: new Map<number, number>(),
        isOpen: () => false,
        toggle,
        rowOf: (line: number) => line,
        counts,
        identity: true,
      };
    const lines = new Int32Array(n);
    const continued = new Uint8Array(n);
    const more = new Map<number, number>();
    let k = 0;
    for (let e = 0; e < index.starts.length; e++) {
      const level = index.levelOf(e);
      if (wanted && (!level || !wanted.has(level))) continue;
      const start = index.starts[e] as number;
      const end = index.end(e, n);
      lines[k++] = start;
      if (end - start < 2) continue;
      more.set(start, end - start - 1);
      if (!open.has(buffer.times[start] ?? '')) continue;
      for (let j = start + 1; j < end; j++) {
        continued[k] = 1;
        lines[k++] = j;
      }
    }
    const rowOf = (line: number) => {
      let lo = 0;
      let hi = k - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((lines[mid] as number) <= line) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    return {
      lines,
      count: k,
      continued,
      more,
      isOpen: (line: number) => open.has(buffer.times[line] ?? ''),
      toggle,
      rowOf,
      counts,
      identity: false,
    };
  }, [buffer, version, levelsKey, open, toggle, index]);
}
