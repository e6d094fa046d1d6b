import type { LogLine } from '@porthole/shared/logs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveSocket } from '../../lib/live-context.tsx';
import { backfill, type FollowStatus, followContainerLog, INITIAL_STATUS, type LogQuery } from './follow-container-log.ts';
import { LogBuffer } from './log-buffer.ts';

export type { LogQuery } from './follow-container-log.ts';

export interface LogsState extends FollowStatus {
  buffer: LogBuffer;
  /** Bumped whenever the buffer changed (at most once per animation frame). */
  version: number;
  loadOlder(): void;
  loadingOlder: boolean;
}

/**
 * Lines that keep coming are drawn at most this often. A line after a quiet spell is drawn in the
 * next frame; a steady stream is drawn in batches, 5 times a second: each draw scrolls and repaints
 * the whole log, and in a browser without a GPU that, not the lines, is what following costs.
 */
const MIN_DRAW_INTERVAL_MS = 200;

/**
 * A buffer and its version counter, re-rendered at most once a frame and at most every 200 ms
 * (MIN_DRAW_INTERVAL_MS), and less often for a big buffer: the virtualizer's row measurements
 * are rebuilt for every change of the line count.
 */
export function useLogBuffer(): { buffer: LogBuffer; version: number; bump(): void } {
  const [buffer] = useState(() => new LogBuffer());
  const [version, setVersion] = useState(0);
  const frame = useRef(0);
  const drawnAt = useRef(Number.NEGATIVE_INFINITY);
  const bump = useCallback(() => {
    if (frame.current) return;
    const wait = Math.max(MIN_DRAW_INTERVAL_MS - (performance.now() - drawnAt.current), Math.min(1000, buffer.length / 1000));
    frame.current = window.setTimeout(() => {
      requestAnimationFrame(() => {
        frame.current = 0;
        drawnAt.current = performance.now();
        setVersion((v) => v + 1);
      });
    }, wait);
  }, [buffer]);
  return { buffer, version, bump };
}

/** A container's log for a view (see `followContainerLog`), with older lines loaded on demand. */
export function useContainerLogs(engine: string, container: string, query: LogQuery): LogsState {
  const socket = useLiveSocket();
  const { buffer, version, bump } = useLogBuffer();
  const [status, setStatus] = useState<FollowStatus>(INITIAL_STATUS);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const key = JSON.stringify(query);

  useEffect(() => {
    buffer.clear();
    bump();
    setStatus(INITIAL_STATUS);
    const add = (lines: LogLine[]) => {
      buffer.append(lines);
      bump();
    };
    return followContainerLog(socket, engine, container, JSON.parse(key) as LogQuery, {
      onBackfill: add,
      onBackfillEnd: () => undefined,
      onLive: (lines) => {
        buffer.noteLive(lines.length);
        add(lines);
      },
      onStatus: setStatus,
    });
  }, [socket, engine, container, key, buffer, bump]);

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
