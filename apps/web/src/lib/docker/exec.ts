/**
 * The terminal websocket of a container (`GET /api/engines/:engine/containers/:id/terminal`): the
 * server starts an exec with `cmd` (split like a shell would), `user` and `workdir` and relays it.
 */
export const terminalUrl = (engine: string, id: string, query: URLSearchParams) =>
  `/api/engines/${encodeURIComponent(engine)}/containers/${encodeURIComponent(id)}/terminal?${query}`;
