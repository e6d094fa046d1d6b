import type { LogLine, LogStream } from '@porthole/shared/logs';

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

  /** Inserts lines in timestamp order (merged logs of several containers). */
  insertSorted(lines: LogLine[], source: number): void {
    const last = this.lastTime;
    if (last === undefined || lines.every((l) => l[0] >= last)) {
      this.append(lines, source);
      return;
    }
    const merged: Array<[string, number, string, number]> = this.times.map((t, i) => [
      t,
      this.streams[i] as number,
      this.texts[i] as string,
      this.sources[i] as number,
    ]);
    for (const [t, s, l] of lines) merged.push([t, s, l, source]);
    merged.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.clear();
    this.ensure(merged.length);
    merged.forEach(([t, s, l, src], i) => {
      this.times.push(t);
      this.texts.push(l);
      this.streams[i] = s;
      this.sources[i] = src;
    });
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
