import { useEffect, useRef, useState } from 'react';
import { useLiveSocket } from '../../lib/live-context.tsx';
import type { LogQuery } from './follow-container-log.ts';
import type { LogBuffer } from './log-buffer.ts';
import { MergedLog, type MergedSource } from './merged-log.ts';
import { useLogBuffer } from './useContainerLogs.ts';

export interface MergedLogsState {
  buffer: LogBuffer;
  version: number;
  /** The containers followed, with their source index (colour) and state. */
  sources: MergedSource[];
}

/**
 * The merged log of `containers` for a view (see `MergedLog`). A change of the selection starts
 * or stops single containers; a change of the query reads everything again.
 */
export function useMergedLogs(engine: string, containers: string[], query: LogQuery): MergedLogsState {
  const socket = useLiveSocket();
  const { buffer, version, bump } = useLogBuffer();
  const [sources, setSources] = useState<MergedSource[]>([]);
  const merged = useRef<MergedLog | undefined>(undefined);
  const selection = containers.join('\n');
  const current = useRef(selection);
  current.current = selection;
  const key = JSON.stringify(query);

  useEffect(() => {
    buffer.clear();
    bump();
    const m = new MergedLog(socket, engine, JSON.parse(key) as LogQuery, buffer, bump, setSources);
    merged.current = m;
    m.set(current.current ? current.current.split('\n') : []);
    return () => {
      m.stop();
      merged.current = undefined;
    };
  }, [socket, engine, key, buffer, bump]);

  useEffect(() => {
    merged.current?.set(selection ? selection.split('\n') : []);
  }, [selection]);

  return { buffer, version, sources };
}
