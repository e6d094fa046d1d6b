import type { UpstreamState } from '@porthole/shared/live';
import type { LogItem, LogLine, LogSearch } from '@porthole/shared/logs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveSocket } from '../../lib/live-context.tsx';
import type { LiveSocket } from '../../lib/live-socket.ts';
import { LogBuffer } from './log-buffer.ts';
import { searchMatcher } from './search.ts';

export interface LogQuery {
  tail: number | 'all';
  since?: string;
  until?: string;
  /** "Show only matching lines": filtered on the server for the backfill, here for live lines. */
  filter?: LogSearch;
}

export interface LogsState {
  buffer: LogBuffer;
  /** Bumped whenever the buffer changed (at most once per animation frame). */
  version: number;
  /** `loading` while the backfill runs. */
  phase: 'loading' | 'live' | 'done';
  upstream: UpstreamState;
  message?: string;
  error?: string;
  skipped: number;
  loadOlder(): void;
  loadingOlder: boolean;
}

const isLine = (i: LogItem): i is LogLine => Array.isArray(i);
let requestSeq = 0;

/** Runs one finite backfill subscription; resolves with its lines and cursor. */
function backfill(socket: LiveSocket, engine: string, params: Record<string, unknown>, onLines: (l: LogLine[]) => void) {
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
 * A container's log for a view: the backfill (tail/since/until, filtered on the server) joined
 * to the shared live tail at the backfill's cursor, so nothing is missed or doubled. After a
 * reconnect the gap is read again from the last line held.
 */
export function useContainerLogs(engine: string, container: string, query: LogQuery, source = 0): LogsState {
  const socket = useLiveSocket();
  const [buffer] = useState(() => new LogBuffer());
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<Pick<LogsState, 'phase' | 'upstream' | 'message' | 'error' | 'skipped'>>({
    phase: 'loading',
    upstream: 'connecting',
    skipped: 0,
  });
  const [loadingOlder, setLoadingOlder] = useState(false);
  const frame = useRef(0);
  // Re-render at most once a frame, and less often for a big buffer: the virtualizer's row
  // measurements are rebuilt for every change of the line count.
  const bump = useCallback(() => {
    if (frame.current) return;
    const wait = Math.min(1000, buffer.length / 1000);
    frame.current = window.setTimeout(() => {
      requestAnimationFrame(() => {
        frame.current = 0;
        setVersion((v) => v + 1);
      });
    }, wait);
  }, [buffer]);
  const key = JSON.stringify(query);

  useEffect(() => {
    const q = JSON.parse(key) as LogQuery;
    const match = searchMatcher(q.filter);
    const keep = (lines: LogLine[]) => (match ? lines.filter((l) => match(l[2])) : lines);
    buffer.clear();
    bump();
    setStatus({ phase: 'loading', upstream: 'connecting', skipped: 0 });
    let cancelled = false;
    let joined = false;
    let pending: LogLine[] = [];
    let filling = false;

    const add = (lines: LogLine[]) => {
      if (source) buffer.insertSorted(lines, source);
      else buffer.append(lines);
      bump();
    };
    const fill = async (params: Record<string, unknown>) => {
      filling = true;
      const after = buffer.lastTime;
      try {
        const cursor = await backfill(socket, engine, { container, ...params }, (lines) => {
          if (!cancelled) add(after ? lines.filter((l) => l[0] > after) : lines);
        });
        if (cancelled) return;
        const bound = cursor || buffer.lastTime || '';
        add(keep(pending.filter((l) => l[0] > bound)));
        pending = [];
        joined = true;
        setStatus((s) => ({ ...s, phase: q.until ? 'done' : 'live', error: undefined }));
      } catch (err) {
        if (!cancelled) setStatus((s) => ({ ...s, phase: 'done', error: (err as Error).message }));
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
          if (joined && !filling) add(keep(lines));
          else pending.push(...lines);
        },
        onState(state, message) {
          setStatus((s) => ({ ...s, upstream: state, message }));
          if (state !== 'live') return;
          if (!started) {
            started = true;
            void fill(base);
          } else if (joined && buffer.lastTime) {
            // Back after a reconnect: read what was written meanwhile.
            joined = false;
            void fill({ tail: 'all', since: buffer.lastTime, ...(q.filter ? { search: q.filter } : {}) });
          }
        },
        onSkipped(count) {
          setStatus((s) => ({ ...s, skipped: s.skipped + count }));
        },
        onError(message) {
          setStatus((s) => ({ ...s, error: message }));
        },
      },
    );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [socket, engine, container, key, buffer, bump, source]);

  const loadOlder = useCallback(() => {
    const first = buffer.firstTime;
    if (!first || loadingOlder) return;
    setLoadingOlder(true);
    const q = JSON.parse(key) as LogQuery;
    const older: LogLine[] = [];
    backfill(socket, engine, { container, before: first, tail: 10_000, ...(q.filter ? { search: q.filter } : {}) }, (l) => older.push(...l))
      .then(() => {
        buffer.prepend(older);
        if (older.length < 10_000) buffer.droppedOlder = false;
        bump();
      })
      .catch((err: Error) => setStatus((s) => ({ ...s, error: err.message })))
      .finally(() => setLoadingOlder(false));
  }, [buffer, bump, container, engine, key, loadingOlder, socket]);

  return { buffer, version, ...status, loadOlder, loadingOlder };
}
