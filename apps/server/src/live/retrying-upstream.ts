import type { Readable } from 'node:stream';
import type { TopicName } from '@porthole/shared/live';
import { isNotFound, messageOf } from '../http/api-error.ts';
import { Backoff } from './backoff.ts';
import type { UpstreamContext } from './hub.ts';

export interface RetryingUpstreamOptions {
  /**
   * Opens the Docker stream once and wires it to `ctx.emit`. Resolves with the stream, or with
   * `{ wait }` when there is nothing to open yet (the container does not run); throws when the
   * engine refuses or does not answer.
   */
  open(): Promise<Readable | { wait: string }>;
  /**
   * Delays between attempts: `stopped` after a wait, an error or the stream's end; `missing`
   * when the engine says the object does not exist (a 404: retried slowly). Both restart from
   * their base once a stream is live. (A `once` read never retries.)
   */
  backoff?: { stopped: Backoff; missing?: Backoff };
  /** The state message when the stream ends by itself (`The container stopped`). */
  endedMessage?: string;
  /**
   * A finite read (`logs-backfill`): never retried. A failure to open, or a stream error, ends
   * the subscription with the reason as its last state; a normal end is the topic's to report.
   */
  once?: boolean;
}

/**
 * The upstream loop every live topic shares: open the Docker stream, go `live`; when it breaks,
 * say why (`reconnecting`, with the reason) and open it again after a backoff, until the last
 * subscriber leaves (`close`). A topic configures what it opens, when to wait, and how fast to
 * retry; the hub sees only `close`.
 */
export function retryingUpstream<T extends TopicName>(ctx: UpstreamContext<T>, o: RetryingUpstreamOptions): { close(): void } {
  let closed = false;
  let stream: Readable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stopped = o.backoff?.stopped ?? new Backoff(1000, 1000);
  const missing = o.backoff?.missing ?? stopped;

  const retry = (message: string, backoff: Backoff) => {
    stream = undefined;
    if (closed || timer) return;
    ctx.setState('reconnecting', message);
    if (o.once) return ctx.end();
    timer = setTimeout(() => {
      timer = undefined;
      void attempt();
    }, backoff.next());
  };

  const attempt = async () => {
    let opened: Readable | { wait: string };
    try {
      opened = await o.open();
    } catch (err) {
      return retry(messageOf(err), isNotFound(err) ? missing : stopped);
    }
    if (closed) {
      if (!('wait' in opened)) opened.destroy();
      return;
    }
    if ('wait' in opened) return retry(opened.wait, stopped);
    stream = opened;
    stopped.reset();
    missing.reset();
    ctx.setState('live');
    const s = opened;
    s.once('error', (err: Error) => s === stream && retry(err.message, stopped));
    s.once('close', () => s === stream && !o.once && retry(o.endedMessage ?? 'The stream ended', stopped));
  };
  void attempt();

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      stream?.destroy();
    },
  };
}
