import { ApiError } from '../http/api-error.ts';

/**
 * How long each class of engine call may take. No engine call goes without a deadline: a call
 * that returns a value must have answered completely by then; a stream (logs, stats, events, an
 * export, a pull, an exec) must have *started* answering by then and may then run as long as it
 * is read.
 */
export const DEADLINE_MS = {
  /** `GET /_ping`: the health check must not hang on an engine that does not answer. */
  ping: 5_000,
  /** Lists and inspects (containers, images, networks, volumes, exec state, a stats sample). */
  read: 10_000,
  /** Small changes (exec create, resize). */
  change: 10_000,
  /** From the request to the first answer of a stream. */
  connect: 10_000,
  /** …of a stream the engine prepares before its first byte (an image export, a pull's registry lookup). */
  prepare: 120_000,
} as const;

/** The error of a call that ran out of time: `inspect timed out after 10 s`. */
export function timedOut(what: string, ms: number): ApiError {
  return new ApiError(504, `${what} timed out after ${Math.round(ms / 100) / 10} s`);
}

/**
 * Runs `work` with a deadline: after `ms` its signal aborts (the work cancels its engine request)
 * and the promise rejects with `timedOut(what)`, whether or not the work noticed. An `outer`
 * signal (the client went away) aborts it too, with the outer reason.
 */
export function withDeadline<T>(ms: number, what: string, work: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<T> {
  const stop = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const fail = (reason: unknown) => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
      stop.abort(reason);
      reject(reason);
    };
    const onOuter = () => fail(outer?.reason ?? new ApiError(499, `${what} was cancelled`));
    const timer = setTimeout(() => fail(timedOut(what, ms)), ms);
    if (outer?.aborted) return onOuter();
    outer?.addEventListener('abort', onOuter, { once: true });
    work(stop.signal).then(
      (value) => {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onOuter);
        resolve(value);
      },
      (err: unknown) => fail(stop.signal.aborted ? stop.signal.reason : err),
    );
  });
}
