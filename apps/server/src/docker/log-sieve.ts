import type { Readable } from 'node:stream';
import type { LogLine } from '@porthole/shared/logs';
import { LogDemuxer } from './log-demux.ts';

/** The longest the sieve matches lines in one go before it yields to the event loop. */
export const SLICE_MS = 20;

export interface SieveSink {
  /** A line that matched (every line when there is no search). */
  line(line: LogLine): void;
  /** False while the sink cannot take more: the sieve stops until `resume()`. */
  ready(): boolean;
  /** After each slice: write out what the slice produced, resume a paused source. */
  sliceDone?(): void;
  /** Every line pushed before `end()` went through. */
  end(): void;
}

/**
 * Runs a log search over a finite read of a log without blocking the event loop. Lines queue as
 * the engine sends them and are matched in slices of at most SLICE_MS (plus one line, which the
 * shared matcher bounds to ~30 ms), with a `setImmediate` between slices: health checks, other
 * clients and a SIGTERM get their turn however slow the search. Backpressure both ways: the
 * sieve waits while its sink is not `ready()`, and its owner pauses the engine stream while
 * `backlog` is high (and resumes it in `sliceDone`).
 */
export class LogSieve {
  private queue: LogLine[] = [];
  private head = 0;
  private scheduled = false;
  private ended = false;
  private closed = false;

  constructor(
    private readonly match: ((text: string) => boolean) | undefined,
    private readonly sink: SieveSink,
  ) {}

  /** Lines waiting to be matched. */
  get backlog(): number {
    return this.queue.length - this.head;
  }

  push(line: LogLine): void {
    if (this.closed) return;
    this.queue.push(line);
    this.schedule();
  }

  /** No more lines: the sink's `end` follows the last of them. */
  end(): void {
    this.ended = true;
    this.schedule();
  }

  /** The sink can take lines again. */
  resume(): void {
    this.schedule();
  }

  /** Stops for good (the client left or the source failed); drops what is queued. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.head = 0;
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.run();
    });
  }

  private run(): void {
    if (this.closed) return;
    const { match, sink, queue } = this;
    const started = performance.now();
    while (this.head < queue.length && sink.ready()) {
      const line = queue[this.head++] as LogLine;
      if (!match || match(line[2])) sink.line(line);
      if (performance.now() - started >= SLICE_MS) break;
    }
    if (this.head === queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > queue.length) {
      this.queue = queue.slice(this.head);
      this.head = 0;
    }
    sink.sliceDone?.();
    if (this.closed) return;
    if (this.backlog > 0) {
      // Not ready: `resume()` comes when the sink drains.
      if (sink.ready()) this.schedule();
    } else if (this.ended) {
      this.closed = true;
      sink.end();
    }
  }
}

/**
 * Reads a finite raw engine log (`tty`: not multiplexed) into `sieve`, pausing the stream while
 * more than `highMark` lines wait to be matched (the sieve's owner resumes it); `take` sees each
 * line and pushes it, or not. The sieve ends with the stream.
 */
export function feedSieve(
  source: Readable,
  tty: boolean,
  sieve: LogSieve,
  highMark: number,
  take = (line: LogLine) => sieve.push(line),
): void {
  const demux = new LogDemuxer(tty, take);
  source.on('data', (chunk: Buffer) => {
    demux.push(chunk);
    if (sieve.backlog > highMark) source.pause();
  });
  source.once('end', () => {
    demux.end();
    sieve.end();
  });
}
