import type { EngineEvent, UpstreamState } from '@porthole/shared/live';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useEffect, useRef, useState } from 'react';
import { createEventInvalidator, type EventInvalidator } from './event-invalidation.ts';
import { useLiveSubscription, useSocketStatus } from './live-context.tsx';
import { useProvided } from './provided-context.ts';
import { engineKey } from './query-keys.ts';

export type EngineConnection = 'connecting' | 'connected' | 'engine-down' | 'server-down';

interface EngineStatus {
  engine: string;
  connection: EngineConnection;
  message?: string;
  /**
   * Listen to every engine event of the current engine; with `replaySince` (seconds), the events of
   * the app-wide stream from that time on are handed over first (a view that mounts after an event
   * arrived, e.g. a lazily loaded page, still gets it).
   */
  onEvent(fn: (e: EngineEvent) => void, replaySince?: number): () => void;
}

const EngineStatusContext = createContext<EngineStatus | null>(null);
const RECENT_EVENTS = 500;

/**
 * Keeps the engine's event stream open for the whole app: events invalidate the queries they
 * make stale (coalesced per resource, see createEventInvalidator), and after any reconnect
 * (socket or engine) everything of the engine is refetched.
 */
export function EngineStatusProvider({ engine, children }: { engine: string; children: ReactNode }) {
  const client = useQueryClient();
  const socket = useSocketStatus();
  const [upstream, setUpstream] = useState<{ state: UpstreamState; message?: string }>({ state: 'connecting' });
  const listeners = useRef(new Set<(e: EngineEvent) => void>());
  /** The latest events of the stream, for listeners that replay (`onEvent(fn, since)`). */
  const recent = useRef<EngineEvent[]>([]);
  const wasDown = useRef(false);
  const invalidator = useRef<EventInvalidator | null>(null);
  // Another engine chosen: its stream starts from scratch.
  const [shownEngine, setShownEngine] = useState(engine);
  if (shownEngine !== engine) {
    setShownEngine(engine);
    setUpstream({ state: 'connecting' });
    recent.current = [];
  }
  useEffect(() => {
    const inv = createEventInvalidator(client);
    invalidator.current = inv;
    return () => inv.dispose();
  }, [client]);

  useLiveSubscription(
    engine,
    'events',
    {},
    {
      onItems(items) {
        for (const item of items) {
          const event = item as EngineEvent;
          invalidator.current?.onEvent(engine, event);
          recent.current.push(event);
          if (recent.current.length > RECENT_EVENTS) recent.current.splice(0, recent.current.length - RECENT_EVENTS);
          for (const fn of listeners.current) fn(event);
        }
      },
      onState(state, message) {
        setUpstream({ state, message });
        if (state === 'reconnecting') wasDown.current = true;
        if (state === 'live' && wasDown.current) {
          wasDown.current = false;
          void client.invalidateQueries({ queryKey: engineKey(engine) });
        }
      },
    },
  );

  useEffect(() => {
    if (socket !== 'open') {
      wasDown.current = true;
      setUpstream({ state: 'connecting' });
    }
  }, [socket]);

  const connection: EngineConnection =
    socket === 'closed'
      ? 'server-down'
      : socket === 'connecting'
        ? 'connecting'
        : upstream.state === 'live'
          ? 'connected'
          : upstream.state === 'reconnecting'
            ? 'engine-down'
            : 'connecting';

  const value: EngineStatus = {
    engine,
    connection,
    message: connection === 'engine-down' ? upstream.message : undefined,
    onEvent(fn, replaySince) {
      if (replaySince !== undefined) for (const e of recent.current.filter((r) => r.time >= replaySince)) fn(e);
      listeners.current.add(fn);
      return () => listeners.current.delete(fn);
    },
  };
  return <EngineStatusContext.Provider value={value}>{children}</EngineStatusContext.Provider>;
}

export function useEngineStatus(): EngineStatus {
  return useProvided(EngineStatusContext, 'useEngineStatus', 'EngineStatusProvider');
}

/** The engine the views show (the one in the URL, `/engines/:engine/…`). */
export function useEngine(): string {
  return useEngineStatus().engine;
}

/** Calls `fn` for each engine event while mounted (first those since `replaySince`, seconds, if given). */
export function useEngineEvents(fn: (e: EngineEvent) => void, replaySince?: number): void {
  const { onEvent } = useEngineStatus();
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => onEvent((e) => ref.current(e), replaySince), []);
}
