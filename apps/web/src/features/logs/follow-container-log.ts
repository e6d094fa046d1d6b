import type { UpstreamState } from '@porthole/shared/live';
import type { LogItem, LogLine, LogSearch } from '@porthole/shared/logs';
import type { LiveSocket } from '../../lib/live-socket.ts';
import { logMatcher } from '@porthole/shared/log-match';

export interface LogQuery {
  tail: number | 'all';
  since?: string;
  until?: string;
  /** "Show only matching lines": filtered on the server for the backfill, here for live lines. */
  filter?: LogSearch;
}

/** Where one container's log stands. */
export interface FollowStatus {
  /** `loading` while the backfill runs. */
  phase: 'loading' | 'live' | 'done';
  upstream: UpstreamState;
  message?: string;
  error?: string;
  skipped: number;
}

export const INITIAL_STATUS: FollowStatus = { phase: 'loading', upstream: 'connecting', skipped: 0 };

export interface FollowHandlers {
  /** Lines of a backfill, in order, as they are read. */
  onBackfill(lines: LogLine[]): void;
  /** A backfill ended: all its lines went to `onBackfill`; live lines follow. */
  onBackfillEnd(): void;
  /** Live lines, in order, each after every line given before. */
  onLive(lines: LogLine[]): void;
  onStatus(update: (s: FollowStatus) => FollowStatus): void;
}

const isLine = (i: LogItem): i is LogLine => Array.isArray(i);
let requestSeq = 0;

/** Runs one finite backfill subscription; resolves with its cursor once all lines went to `onLines`. */
export function backfill(socket: LiveSocket, engine: string, params: Record<string, unknown>, onLines: (l: LogLine[]) => void) {
  return new Promise<string>((resolve, reject) => {
    let cursor = '';
    const unsubscribe = socket.subscribe(
      engine,
      'logs-backfill',
      { ...params, request: `r${Date.now()}-${requestSeq++}` },
      {
        onItems(items) {
          const lines: LogLine[] = [];
          for (const item of items as LogItem[]) {
            if (isLine(item)) lines.push(item);
            else cursor = item.cursor;
          }
          if (lines.length) onLines(lines);
        },
        onState(state, message) {
          if (state === 'reconnecting') reject(new Error(message ?? 'The log could not be read'));
        },
        onError(message) {
          unsubscribe();
          reject(new Error(message));
        },
        onEnd() {
          unsubscribe();
          resolve(cursor);
        },
      },
    );
  });
}

/**
 * Follows one container's log: the backfill (tail/since/until, filtered on the server) joined to
 * the shared live tail (one upstream per container, whoever watches) at the backfill's cursor, so
 * nothing is missed or doubled. After a reconnect the gap is read again from the last line given.
 * A container that is not running gets its backfill at once and joins the tail when it runs.
 * Framework-free: the single-container view and the merged view both drive it. Returns the stop.
 */
export function followContainerLog(socket: LiveSocket, engine: string, container: string, q: LogQuery, h: FollowHandlers): () => void {
  const fail = (message: string) => {
    h.onBackfillEnd();
    h.onStatus((s) => ({ ...s, phase: 'done', error: message }));
  };
  // The shape the server accepts (`ContainerRef` in @porthole/shared/live): say so in words.
  if (!/^[a-zA-Z0-9_.-]{1,256}$/.test(container)) {
    fail(`“${container}” is not a container name or id`);
    return () => undefined;
  }
  let match: ((text: string) => boolean) | undefined;
  try {
    match = logMatcher(q.filter)?.test;
  } catch (err) {
    fail((err as Error).message);
    return () => undefined;
  }
  const keep = (lines: LogLine[]) => (match ? lines.filter((l) => match(l[2])) : lines);
  let cancelled = false;
  let joined = false;
  let pending: LogLine[] = [];
  let filling = false;
  let last: string | undefined;
  const openedAt = new Date().toISOString();
  const give = (lines: LogLine[], to: (l: LogLine[]) => void) => {
    if (!lines.length) return;
    const t = lines[lines.length - 1]?.[0];
    if (t && (!last || t > last)) last = t;
    to(lines);
  };

  const fill = async (params: Record<string, unknown>) => {
    filling = true;
    const after = last;
    try {
      const cursor = await backfill(socket, engine, { container, ...params }, (lines) => {
        if (!cancelled) give(after ? lines.filter((l) => l[0] > after) : lines, h.onBackfill);
      });
      if (cancelled) return;
      h.onBackfillEnd();
      const bound = cursor || last || '';
      give(keep(pending.filter((l) => l[0] > bound)), h.onLive);
      pending = [];
      joined = true;
      h.onStatus((s) => ({ ...s, phase: q.until ? 'done' : 'live', error: undefined }));
    } catch (err) {
      if (!cancelled) fail((err as Error).message);
    } finally {
      filling = false;
    }
  };
  const base = {
    tail: q.tail,
    ...(q.since ? { since: q.since } : {}),
    ...(q.until ? { until: q.until } : {}),
    ...(q.filter ? { search: q.filter } : {}),
  };
  if (q.until) {
    void fill(base);
    return () => {
      cancelled = true;
    };
  }
  let started = false;
  const unsubscribe = socket.subscribe(
    engine,
    'logs',
    { container },
    {
      onItems(items) {
        const lines = items as LogLine[];
        if (joined && !filling) give(keep(lines), h.onLive);
        else pending.push(...lines);
      },
      onState(state, message) {
        h.onStatus((s) => ({ ...s, upstream: state, message }));
        if (state === 'connecting') return;
        if (!started) {
          // Live (the tail is open, so the backfill's end overlaps it), or not running (nothing
          // is written until it runs again, and then the gap is read below).
          started = true;
          void fill(base);
        } else if (state === 'live' && joined) {
          // Back after a reconnect (or the container runs again): read what was written meanwhile.
          joined = false;
          void fill({ tail: 'all', since: last ?? openedAt, ...(q.filter ? { search: q.filter } : {}) });
        }
      },
      onSkipped(count) {
        h.onStatus((s) => ({ ...s, skipped: s.skipped + count }));
      },
      onError(message) {
        if (started) return h.onStatus((s) => ({ ...s, error: message }));
        started = true;
        fail(message);
      },
    },
  );
  return () => {
    cancelled = true;
    unsubscribe();
  };
}
