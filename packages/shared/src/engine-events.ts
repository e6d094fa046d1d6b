/**
 * Engine events, as both sides need them. An event's identity (the engine may send an event again
 * when a stream resumes with `since`): its time in nanoseconds, type, action and object.
 */
export const eventKey = (e: { timeNano: number; Type: string; Action: string; Actor?: { ID: string } }): string =>
  `${e.timeNano}|${e.Type}|${e.Action}|${e.Actor?.ID}`;

/**
 * The command a container's healthcheck runs, as the engine writes it into its `exec_create: …`
 * and `exec_start: …` event actions (entrypoint, a space, the arguments joined by spaces).
 * `test` is `Config.Healthcheck.Test` (`["CMD-SHELL", "wget …"]`, `["CMD", "a", "b"]`, `["NONE"]`),
 * `shell` the image's `SHELL` (default `/bin/sh -c`). undefined: no healthcheck.
 */
export function healthcheckExecCommand(test: string[] | undefined, shell: string[] = ['/bin/sh', '-c']): string | undefined {
  const [kind, ...rest] = test ?? [];
  const argv = kind === 'CMD-SHELL' ? [...shell, rest.join(' ')] : kind === 'CMD' ? rest : [];
  const [entry, ...args] = argv;
  return entry === undefined ? undefined : `${entry} ${args.join(' ')}`;
}

/** The command of an `exec_create: CMD` / `exec_start: CMD` action; undefined for other actions. */
export function execActionCommand(action: string): string | undefined {
  const m = /^exec_(?:create|start): (.*)$/s.exec(action);
  return m ? m[1] : undefined;
}

/** A container's health changed (`health_status: healthy`): its new status, else undefined. */
export function healthStatusOf(e: { Type: string; Action: string }): string | undefined {
  if (e.Type !== 'container' || !e.Action.startsWith('health_status')) return undefined;
  return e.Action.slice('health_status'.length).replace(/^:\s*/, '') || undefined;
}
