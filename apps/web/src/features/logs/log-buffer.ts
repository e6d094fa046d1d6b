import type { LogLine, LogStream } from '@porthole/shared/logs';
import { type LogRun, mergeRuns, runOf, upperBound } from './log-merge.ts';

/** The browser keeps at most this many lines; older ones are dropped and reloaded on demand. */
export const MAX_LINES = 1_000_000;

/**
 * The lines a log view holds, in columns (timestamps, streams, texts) rather than one object per
 * line, so that a million lines fit comfortably in a tab. Bounded: past MAX_LINES the oldest
 * tenth is dropped at once and `droppedOlder` says older lines exist on the server.
 */
export class LogBuffer {
  times: string[] = [];
  texts: string[] = [];
  streams = new Uint8Array(1024);
  /** Container index per line (merged logs), else 0. */
  sources = new Uint8Array(1024);
  droppedOlder = false;
  /**
   * Live lines that arrived since the view last showed the end (`markSeen`) or since `clear`:
   * what "N new lines" counts — never backfilled, older or dropped lines.
   */
  unseen = 0;

  get length(): number {
    return this.texts.length;
  }

  get lastTime(): string | undefined {
    return this.times.at(-1);
  }

  get firstTime(): string | undefined {
    return this.times[0];
  }

  stream(i: number): LogStream {
    return this.streams[i] as LogStream;
  }

  append(lines: LogLine[], source = 0): void {
    this.ensure(this.length + lines.length);
    let n = this.length;
    for (const [t, s, l] of lines) {
      this.times.push(t);
      this.texts.push(l);
      this.streams[n] = s;
      this.sources[n] = source;
      n++;
    }
    if (this.length > MAX_LINES) this.dropOldest(this.length - MAX_LINES + Math.floor(MAX_LINES / 10));
  }

  /**
   * Inserts one container's lines (in their own order) by timestamp among the lines held, after
   * lines of the same time: live lines of a merged view, which mostly land at the end.
   */
  insertSorted(lines: LogLine[], source: number): void {
    const first = lines[0]?.[0];
    if (first === undefined) return;
    const last = this.lastTime;
    if (last === undefined || first >= last) this.append(lines, source);
    else this.mergeAt(upperBound(this.times, first), [runOf(lines, source)]);
  }

  /** Merges whole runs (the backfills of a merged view) into the lines held, by timestamp. */
  merge(runs: LogRun[]): void {
    const first = runs
      .flatMap((r) => r.times.slice(0, 1))
      .sort()
      .at(0);
    if (first === undefined) return;
    this.mergeAt(upperBound(this.times, first), runs);
  }

  /** Drops every line of one container (removed from a merged view). */
  removeSource(source: number): void {
    let n = 0;
    for (let i = 0; i < this.length; i++) {
      if (this.sources[i] === source) continue;
      this.times[n] = this.times[i] as string;
      this.texts[n] = this.texts[i] as string;
      this.streams[n] = this.streams[i] as number;
      this.sources[n] = this.sources[i] as number;
      n++;
    }
    this.times.length = n;
    this.texts.length = n;
  }

  /** Merges runs with the lines from `at` on (the earlier ones all come first). */
  private mergeAt(at: number, runs: LogRun[]): void {
    const n = this.length;
    const held: LogRun = {
      times: this.times.slice(at),
      texts: this.texts.slice(at),
      streams: this.streams.slice(at, n),
      sources: this.sources.slice(at, n),
    };
    const merged = mergeRuns([held, ...runs]);
    this.times.length = at;
    this.texts.length = at;
    const total = at + merged.times.length;
    this.ensure(total);
    for (let i = 0, k = at; k < total; i++, k++) {
      this.times.push(merged.times[i] as string);
      this.texts.push(merged.texts[i] as string);
      this.streams[k] = merged.streams[i] as number;
      this.sources[k] = merged.sources[i] as number;
    }
    if (this.length > MAX_LINES) this.dropOldest(this.length - MAX_LINES + Math.floor(MAX_LINES / 10));
  }

  /** Older lines, loaded when the user scrolls past the top of the window. */
  prepend(lines: LogLine[]): void {
    const old = {
      times: this.times,
      texts: this.texts,
      streams: this.streams.slice(0, this.length),
      sources: this.sources.slice(0, this.length),
    };
    this.times = lines.map((l) => l[0]).concat(old.times);
    this.texts = lines.map((l) => l[2]).concat(old.texts);
    this.streams = new Uint8Array(Math.max(1024, this.times.length * 2));
    this.sources = new Uint8Array(this.streams.length);
    lines.forEach((l, i) => {
      this.streams[i] = l[1];
    });
    this.streams.set(old.streams, lines.length);
    this.sources.set(old.sources, lines.length);
  }

  clear(): void {
    this.times = [];
    this.texts = [];
    this.droppedOlder = false;
    this.unseen = 0;
  }

  /** `n` lines came live (appended or inserted by the caller). */
  noteLive(n: number): void {
    this.unseen += n;
  }

  /** The view shows the end: nothing is new any more. */
  markSeen(): void {
    this.unseen = 0;
  }

  private ensure(n: number): void {
    if (n <= this.streams.length) return;
    const size = Math.max(n, this.streams.length * 2);
    const s = new Uint8Array(size);
    s.set(this.streams.subarray(0, this.length));
    const src = new Uint8Array(size);
    src.set(this.sources.subarray(0, this.length));
    this.streams = s;
    this.sources = src;
  }

  private dropOldest(n: number): void {
    this.times.splice(0, n);
    this.texts.splice(0, n);
    this.streams.copyWithin(0, n);
    this.sources.copyWithin(0, n);
    this.droppedOlder = true;
  }
}
