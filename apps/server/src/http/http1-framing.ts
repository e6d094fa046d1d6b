/**
 * Just enough HTTP/1.1 to relay an engine's response as bytes: its head (status, header lines)
 * and where its body ends (RFC 9112 §6.3), found by walking chunk headers without copying the
 * body — so the body can be passed on as it came, in the engine's own framing, and the
 * connection reused.
 */

/** How a response body is delimited. */
export type Framing = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' } | { kind: 'close' };

export interface ResponseHead {
  status: number;
  statusText: string;
  /** Header lines as sent, flat: name, value, name, value… */
  headers: string[];
  framing: Framing;
  /** The engine asked to close the connection after this response. */
  close: boolean;
  /** Bytes of the head, blank line included. */
  length: number;
}

const MAX_HEAD = 64 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n');

/**
 * Parses a response head at the start of `buf`: undefined while it is incomplete, an Error when
 * it is not HTTP/1.x or too long.
 */
export function parseResponseHead(buf: Buffer, method: string): ResponseHead | undefined | Error {
  const end = buf.indexOf(CRLFCRLF);
  if (end < 0) return buf.length > MAX_HEAD ? new Error('response head too long') : undefined;
  const lines = buf.toString('latin1', 0, end).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(lines[0] as string);
  if (!m) return new Error('not an HTTP/1.x response');
  const status = Number(m[1]);
  const headers: string[] = [];
  let contentLength: number | undefined;
  let chunked = false;
  let transferEncoding = false;
  let close = /^HTTP\/1\.0/.test(lines[0] as string);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0 || line[0] === ' ' || line[0] === '\t') return new Error('malformed response header');
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    const lower = name.toLowerCase();
    if (lower === 'content-length') {
      if (!/^\d{1,15}$/.test(value) || (contentLength !== undefined && contentLength !== Number(value))) {
        return new Error('bad Content-Length');
      }
      contentLength = Number(value);
    } else if (lower === 'transfer-encoding') {
      transferEncoding = true;
      chunked = /(?:^|,)\s*chunked\s*$/i.test(value);
    } else if (lower === 'connection') {
      close ||= /(?:^|,)\s*close\s*(?:,|$)/i.test(value);
    }
    headers.push(name, value);
  }
  let framing: Framing;
  if (method === 'HEAD' || status < 200 || status === 204 || status === 304) framing = { kind: 'none' };
  else if (transferEncoding) framing = chunked ? { kind: 'chunked' } : { kind: 'close' };
  else if (contentLength !== undefined) framing = contentLength === 0 ? { kind: 'none' } : { kind: 'length', length: contentLength };
  else framing = { kind: 'close' };
  return { status, statusText: m[2] ?? '', headers, framing, close, length: end + 4 };
}

// States of the chunked-body walk (plain constants: the loop is hot).
const SIZE = 0;
const EXTENSION = 1;
const SIZE_LF = 2;
const DATA = 3;
const DATA_CR = 4;
const DATA_LF = 5;
const TRAILER_LINE_START = 6;
const TRAILER_LINE = 7;
const TRAILER_END_LF = 8;
const DONE = 9;

/**
 * Follows a response body through the bytes that carry it and says where it ends. Chunked
 * bodies cost a few steps per chunk, whatever its size; data bytes are skipped, not read.
 */
export class BodyEnd {
  private remaining: number;
  private state = SIZE;
  private size = 0;
  private sizeDigits = 0;

  constructor(private readonly framing: Framing) {
    this.remaining = framing.kind === 'length' ? framing.length : 0;
    if (framing.kind === 'none') this.state = DONE;
  }

  get done(): boolean {
    return this.state === DONE;
  }

  /**
   * Takes the next bytes of the body (from `start`); returns the offset just past the body's end
   * when it ends in them, -1 when it goes on. With `data`, the [start, end) offsets of the
   * payload bytes in `buf` (framing left out) are appended to it. Throws on a malformed chunked
   * body.
   */
  feed(buf: Buffer, start = 0, data?: number[]): number {
    if (this.state === DONE) return start;
    if (this.framing.kind === 'close') {
      data?.push(start, buf.length);
      return -1;
    }
    if (this.framing.kind === 'length') {
      const take = Math.min(this.remaining, buf.length - start);
      data?.push(start, start + take);
      this.remaining -= take;
      if (this.remaining > 0) return -1;
      this.state = DONE;
      return start + take;
    }
    return this.feedChunked(buf, start, data);
  }

  private feedChunked(buf: Buffer, start: number, data: number[] | undefined): number {
    let i = start;
    const n = buf.length;
    while (i < n) {
      switch (this.state) {
        case DATA: {
          const take = Math.min(this.remaining, n - i);
          data?.push(i, i + take);
          i += take;
          this.remaining -= take;
          if (this.remaining === 0) this.state = DATA_CR;
          break;
        }
        case SIZE: {
          const c = buf[i++] as number;
          const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
          if (digit >= 0) {
            if (++this.sizeDigits > 13) throw new Error('chunk size too large');
            this.size = this.size * 16 + digit;
          } else if (this.sizeDigits === 0) {
            throw new Error('malformed chunk size');
          } else if (c === 13) {
            this.state = SIZE_LF;
          } else if (c === 59 || c === 32 || c === 9) {
            this.state = EXTENSION;
          } else {
            throw new Error('malformed chunk size');
          }
          break;
        }
        case EXTENSION:
          if (buf[i++] === 13) this.state = SIZE_LF;
          break;
        case SIZE_LF:
          if (buf[i++] !== 10) throw new Error('malformed chunk size line');
          if (this.size === 0) {
            this.state = TRAILER_LINE_START;
          } else {
            this.remaining = this.size;
            this.state = DATA;
          }
          this.size = 0;
          this.sizeDigits = 0;
          break;
        case DATA_CR:
          if (buf[i++] !== 13) throw new Error('chunk data too long');
          this.state = DATA_LF;
          break;
        case DATA_LF:
          if (buf[i++] !== 10) throw new Error('chunk data too long');
          this.state = SIZE;
          break;
        case TRAILER_LINE_START:
          this.state = buf[i++] === 13 ? TRAILER_END_LF : TRAILER_LINE;
          break;
        case TRAILER_LINE:
          if (buf[i++] === 10) this.state = TRAILER_LINE_START;
          break;
        case TRAILER_END_LF:
          if (buf[i++] !== 10) throw new Error('malformed chunked trailer');
          this.state = DONE;
          return i;
        default:
          return i;
      }
    }
    return -1;
  }
}

const EMPTY = Buffer.alloc(0);

/** The bytes of `buf` at the [start, end) offset pairs of `ranges`, in one buffer (a view when there is one range). */
export function gather(buf: Buffer, ranges: number[]): Buffer {
  if (ranges.length === 0) return EMPTY;
  if (ranges.length === 2) return buf.subarray(ranges[0], ranges[1]);
  let total = 0;
  for (let r = 0; r < ranges.length; r += 2) total += (ranges[r + 1] as number) - (ranges[r] as number);
  const out = Buffer.allocUnsafe(total);
  let pos = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    const a = ranges[r] as number;
    const b = ranges[r + 1] as number;
    // A log frame is tens of bytes: a loop beats a native copy call at that size.
    if (b - a < 128) {
      for (let k = a; k < b; k++) out[pos++] = buf[k] as number;
    } else {
      buf.copy(out, pos, a, b);
      pos += b - a;
    }
  }
  return out;
}
