import { Type } from '@sinclair/typebox';
import type * as terminal from '../terminal.ts';
import type { Exactly } from './same-type.ts';

/** Query of the terminal websocket (`/api/engines/:engine/containers/:id/terminal`). */
export const TerminalQuery = Type.Object(
  {
    cmd: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    user: Type.Optional(Type.String({ maxLength: 100 })),
    workdir: Type.Optional(Type.String({ maxLength: 1000 })),
    cols: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    rows: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    /** A client-side counter that starts a new session (ignored by the server). */
    session: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type TerminalQuery = Exactly<terminal.TerminalQuery, typeof TerminalQuery, true>;
