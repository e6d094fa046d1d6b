import type { IncomingMessage } from 'node:http';

/**
 * The paths that take websocket connections: those of the routes declared `websocket: true`. A
 * websocket upgrade to any other path is refused with an HTTP status before anything is upgraded
 * (@fastify/websocket would answer 101 and close at once, which a client reads as a connection
 * that opened and dropped).
 */
export class WebsocketRoutes {
  private readonly patterns: RegExp[] = [];

  /** A route's URL pattern (`/api/engines/:engine/containers/:id/terminal`). */
  add(url: string): void {
    const segments = url.split('/').map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    this.patterns.push(new RegExp(`^${segments.join('/')}$`));
  }

  /** Whether the request target (its path; the query is ignored) is a websocket route's. */
  has(url: string): boolean {
    const pathname = url.split('?', 1)[0] as string;
    return this.patterns.some((p) => p.test(pathname));
  }
}

/** An upgrade to the websocket protocol (what the `ws` server accepts: `Upgrade: websocket`, any case). */
export function isWebsocketUpgrade(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
}
