import type net from 'node:net';

/** The one thing the relay needs from an engine: a raw connection to its API. */
export interface EngineConnector {
  connect(): net.Socket;
}

const MAX_IDLE = 16;
const IDLE_MS = 30_000;

/**
 * Idle keep-alive connections to one engine, reused by the Engine API relay so a call costs no
 * new connection. An idle socket that closes, errors, times out or sends anything is dropped.
 */
export class EngineSockets {
  /** Idle sockets and the listener that drops each. */
  private readonly idle = new Map<net.Socket, () => void>();
  private closed = false;

  constructor(private readonly engine: EngineConnector) {}

  /** An idle connection if there is one (reused: true), else a new one. */
  acquire(): { socket: net.Socket; reused: boolean } {
    for (const [socket, drop] of this.idle) {
      this.idle.delete(socket);
      socket.off('data', drop).off('end', drop).off('close', drop).off('error', drop).off('timeout', drop);
      socket.setTimeout(0);
      socket.ref();
      if (!socket.destroyed && socket.readable && socket.writable) return { socket, reused: true };
      socket.destroy();
    }
    const socket = this.engine.connect();
    socket.setNoDelay(true);
    return { socket, reused: false };
  }

  /**
   * Takes back a connection whose last response ended cleanly (nothing pending either way); the
   * caller has removed its own listeners.
   */
  release(socket: net.Socket): void {
    if (this.closed || this.idle.size >= MAX_IDLE || socket.destroyed || !socket.readable || !socket.writable) {
      socket.destroy();
      return;
    }
    const drop = () => {
      this.idle.delete(socket);
      socket.destroy();
    };
    socket.on('data', drop).on('end', drop).on('close', drop).on('error', drop).on('timeout', drop);
    socket.setTimeout(IDLE_MS);
    socket.unref();
    if (socket.isPaused()) socket.resume();
    this.idle.set(socket, drop);
  }

  close(): void {
    this.closed = true;
    for (const socket of this.idle.keys()) socket.destroy();
    this.idle.clear();
  }
}

const pools = new WeakMap<EngineConnector, EngineSockets>();

/** The pool of an engine (one per engine object). */
export function engineSockets(engine: EngineConnector): EngineSockets {
  let pool = pools.get(engine);
  if (!pool) {
    pool = new EngineSockets(engine);
    pools.set(engine, pool);
  }
  return pool;
}
