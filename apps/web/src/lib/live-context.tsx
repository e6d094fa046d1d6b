import type { TopicItem, TopicName } from '@porthole/shared/live';
import { createContext, type ReactNode, useEffect, useRef, useState } from 'react';
import { useProvided } from './provided-context.ts';
import { LiveSocket, type SocketStatus, type SubscriptionHandlers } from './live-socket.ts';

const LiveContext = createContext<LiveSocket | null>(null);

/** Owns the live socket while the user is signed in. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [socket] = useState(() => new LiveSocket());
  useEffect(() => {
    socket.start();
    return () => socket.stop();
  }, [socket]);
  return <LiveContext.Provider value={socket}>{children}</LiveContext.Provider>;
}

export function useLiveSocket(): LiveSocket {
  return useProvided(LiveContext, 'useLiveSocket', 'LiveProvider');
}

export function useSocketStatus(): SocketStatus {
  const socket = useLiveSocket();
  const [status, setStatus] = useState(socket.status);
  useEffect(() => {
    setStatus(socket.status);
    return socket.onStatus(setStatus);
  }, [socket]);
  return status;
}

/**
 * Subscribes to a live topic while mounted (and while `enabled`). Handlers may change between
 * renders without resubscribing; a change of engine, topic or params resubscribes.
 */
export function useLiveSubscription<T extends TopicName>(
  engine: string,
  topic: T,
  params: Record<string, unknown>,
  handlers: SubscriptionHandlers<TopicItem<T>>,
  enabled = true,
): void {
  const socket = useLiveSocket();
  const ref = useRef(handlers);
  ref.current = handlers;
  const paramsKey = JSON.stringify(params);
  useEffect(() => {
    if (!enabled) return;
    return socket.subscribe(engine, topic, JSON.parse(paramsKey) as Record<string, unknown>, {
      onItems: (items) => ref.current.onItems?.(items),
      onState: (s, m) => ref.current.onState?.(s, m),
      onSkipped: (n) => ref.current.onSkipped?.(n),
      onEnd: () => ref.current.onEnd?.(),
      onError: (m) => ref.current.onError?.(m),
    });
  }, [socket, engine, topic, paramsKey, enabled]);
}
