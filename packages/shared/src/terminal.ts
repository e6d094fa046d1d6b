/** Query of the terminal websocket (`/api/engines/:engine/containers/:id/terminal`; schema: `schemas/terminal.ts`). */
export interface TerminalQuery {
  cmd?: string;
  user?: string;
  workdir?: string;
  cols?: number;
  rows?: number;
  /** A client-side counter that starts a new session (ignored by the server). */
  session?: string;
}

/** Control messages the server sends as text frames (output travels in binary frames). */
export type TerminalServerMessage = { type: 'ready' } | { type: 'exit'; code?: number } | { type: 'error'; message: string };
