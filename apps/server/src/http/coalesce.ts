/** Pieces smaller than this, arriving in quick succession, go on together. */
const MAX_BYTES = 64 * 1024;
const DELAY_MS = 1;

/**
 * Joins the small reads of an engine stream (a log sends each line as its own write, so a
 * socket read is often a line or two) into fewer, larger writes: what has come in goes on at
 * most a millisecond later, at once when it adds up to 64 KiB or when the caller says so (the
 * end of a response). Each write to a TCP client costs about the same whatever its size, and so
 * does each `data` event, so a 200,000-line log moves in hundreds of them instead of tens of
 * thousands.
 */
export class Coalescer {
  private parts: Buffer[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly emit: (data: Buffer) => void) {}

  /** Adds `data`; with `now`, everything pending goes on at once. */
  push(data: Buffer, now = false): void {
    if (data.length > 0) {
      this.parts.push(data);
      this.size += data.length;
    }
    if (now || this.size >= MAX_BYTES) {
      this.flush();
    } else if (!this.timer && this.size > 0) {
      this.timer = setTimeout(() => this.flush(), DELAY_MS);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.size === 0) return;
    const data = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.emit(data);
  }

  /** Drops what is pending (the call broke off). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.parts = [];
    this.size = 0;
  }
}
