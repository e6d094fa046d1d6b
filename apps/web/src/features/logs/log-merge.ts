import type { LogLine } from '@porthole/shared/logs';

/**
 * A run of log lines in timestamp order, in columns (as the `LogBuffer` keeps them), each line
 * tagged with the container (source index) it came from.
 */
export interface LogRun {
  times: string[];
  texts: string[];
  streams: ArrayLike<number>;
  sources: ArrayLike<number>;
}

/** One container's lines as a run. */
export function runOf(lines: LogLine[], source: number): LogRun {
  return {
    times: lines.map((l) => l[0]),
    texts: lines.map((l) => l[2]),
    streams: lines.map((l) => l[1]),
    sources: new Uint8Array(lines.length).fill(source),
  };
}

/** The first index whose time is greater than `t` (lines of equal time stay before a newcomer). */
export function upperBound(times: string[], t: string, lo = 0): number {
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as string) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The k-way merge of sorted runs into one sorted run (a small binary heap of run heads). Stable:
 * lines of equal timestamp keep the order of their runs (the earlier run first) and, within a
 * run, their own order.
 */
export function mergeRuns(runs: LogRun[]): LogRun {
  const live = runs.filter((r) => r.times.length > 0);
  if (live.length === 1) return live[0] as LogRun;
  const total = live.reduce((n, r) => n + r.times.length, 0);
  const out: LogRun = { times: new Array(total), texts: new Array(total), streams: new Uint8Array(total), sources: new Uint8Array(total) };
  const pos = new Array<number>(live.length).fill(0);
  // Heap of run indexes ordered by (head time, run index).
  const heap = live.map((_, i) => i);
  const head = (r: number) => (live[r] as LogRun).times[pos[r] as number] as string;
  const less = (a: number, b: number) => {
    const ta = head(a);
    const tb = head(b);
    return ta < tb || (ta === tb && a < b);
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && less(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  const streams = out.streams as Uint8Array;
  const sources = out.sources as Uint8Array;
  for (let n = 0; n < total; n++) {
    const r = heap[0] as number;
    const run = live[r] as LogRun;
    const p = pos[r] as number;
    out.times[n] = run.times[p] as string;
    out.texts[n] = run.texts[p] as string;
    streams[n] = run.streams[p] as number;
    sources[n] = run.sources[p] as number;
    pos[r] = p + 1;
    if (p + 1 === run.times.length) {
      heap[0] = heap[heap.length - 1] as number;
      heap.pop();
    }
    if (heap.length) down(0);
  }
  return out;
}
