import type { LogLine, LogStream } from '@porthole/shared/logs';

const HEADER = 8;
const NL = 0x0a;
const CR = 0x0d;
/** `2026-01-01T00:00:00.000000000Z ` — the engine's fixed-width RFC 3339 timestamp and a space. */
const TS_LEN = 31;

/**
 * Turns the bytes of an Engine API log stream (`GET /containers/{id}/logs?timestamps=1`) into
 * log lines. Non-tty containers multiplex stdout and stderr in frames (an 8-byte header: stream
 * byte, 3 zero bytes, big-endian length); tty containers send raw bytes. Frames and lines may be
 * split anywhere between chunks; partial lines are kept per stream until their newline.
 *
 * Written here rather than with docker-modem's `demuxStream` because that one only splits
 * frames into two writable streams: we also need the stream of every line, in order, with its
 * timestamp, without an extra copy through two PassThroughs.
 */
export class LogDemuxer {
  private pending: Buffer | undefined;
  private readonly partial: Array<Buffer | undefined> = [undefined, undefined, undefined];

  constructor(
    private readonly tty: boolean,
    private readonly onLine: (line: LogLine) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.tty) {
      this.payload(0, chunk);
      return;
    }
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let off = 0;
    while (buf.length - off >= HEADER) {
      const kind = buf[off] as number;
      const size = buf.readUInt32BE(off + 4);
      if (buf.length - off - HEADER < size) break;
      const stream: LogStream = kind === 2 ? 2 : 1;
      this.payload(stream, buf.subarray(off + HEADER, off + HEADER + size));
      off += HEADER + size;
    }
    if (off < buf.length) this.pending = Buffer.from(buf.subarray(off));
  }

  /** Emits what is left (a last line without newline). */
  end(): void {
    for (const s of [0, 1, 2] as LogStream[]) {
      const rest = this.partial[s];
      this.partial[s] = undefined;
      if (rest?.length) this.line(s, rest, 0, rest.length);
    }
  }

  private payload(stream: LogStream, data: Buffer): void {
    let start = 0;
    const prev = this.partial[stream];
    if (prev) {
      // The engine splits a line longer than 16 KiB into partial messages, each a frame with its
      // own timestamp: the line goes on after the continuation's timestamp.
      const from = !this.tty && isTimestampAt(data, 0) ? TS_LEN : 0;
      const nl = data.indexOf(NL, from);
      if (nl < 0) {
        this.partial[stream] = Buffer.concat([prev, data.subarray(from)]);
        return;
      }
      const joined = Buffer.concat([prev, data.subarray(from, nl)]);
      this.partial[stream] = undefined;
      this.line(stream, joined, 0, joined.length);
      start = nl + 1;
    }
    for (;;) {
      const nl = data.indexOf(NL, start);
      if (nl < 0) break;
      this.line(stream, data, start, nl);
      start = nl + 1;
    }
    if (start < data.length) this.partial[stream] = Buffer.from(data.subarray(start));
  }

  private line(stream: LogStream, buf: Buffer, start: number, end: number): void {
    let e = end;
    if (e > start && buf[e - 1] === CR) e--;
    if (e - start >= TS_LEN && isTimestampAt(buf, start)) {
      this.onLine([buf.toString('latin1', start, start + TS_LEN - 1), stream, buf.toString('utf8', start + TS_LEN, e)]);
    } else {
      const text = buf.toString('utf8', start, e);
      const sp = text.indexOf(' ');
      // A timestamp that is not fixed-width (older engines trim zeros): still split it off.
      if (sp > 19 && text[4] === '-' && text[sp - 1] === 'Z') this.onLine([text.slice(0, sp), stream, text.slice(sp + 1)]);
      else this.onLine(['', stream, text]);
    }
  }
}

/** True when `buf` has the engine's fixed-width timestamp and its space at `i`. */
function isTimestampAt(buf: Buffer, i: number): boolean {
  return (
    buf.length - i >= TS_LEN && buf[i + TS_LEN - 1] === 0x20 && buf[i + TS_LEN - 2] === 0x5a && buf[i + 4] === 0x2d && buf[i + 10] === 0x54
  );
}

/** A log timestamp (fixed-width, nanoseconds) for a time in ms since the epoch. */
export function logTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The engine's `since`/`until` form (`seconds.nanoseconds`) of a log timestamp. */
export function engineTime(ts: string): string {
  const ms = Date.parse(ts);
  const frac = /\.(\d+)Z$/.exec(ts)?.[1] ?? '0';
  return `${Math.floor(ms / 1000)}.${frac.padEnd(9, '0').slice(0, 9)}`;
}

/**
 * A `since`/`until` as the user writes it (`5m`, `1h`, `2d`, `90s`, a UNIX time or a date) in
 * the engine's form; undefined when empty. Throws on something unreadable.
 */
export function parseTimeSpec(spec: string | undefined, now = Date.now()): string | undefined {
  if (!spec) return undefined;
  const rel = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(spec);
  if (rel) {
    const unit = { s: 1, m: 60, h: 3600, d: 86400 }[rel[2] as 's' | 'm' | 'h' | 'd'];
    return String(Math.floor(now / 1000 - Number(rel[1]) * unit));
  }
  if (/^\d+(\.\d+)?$/.test(spec)) return spec;
  const ms = Date.parse(spec);
  if (Number.isNaN(ms)) throw new Error(`Cannot read the time "${spec}" (use 5m, 1h, 2d or a date)`);
  return String(ms / 1000);
}
