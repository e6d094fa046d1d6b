import type { EngineApi } from './engine-api.ts';

/** Does the container run with a TTY (raw log stream) or not (multiplexed stdout/stderr frames)? */
export async function containerTty(engine: EngineApi, id: string): Promise<{ tty: boolean; running: boolean; id: string; name: string }> {
  const info = await engine.inspectContainer(id);
  return { tty: !!info.Config.Tty, running: !!info.State.Running, id: info.Id, name: (info.Name ?? '').replace(/^\//, '') };
}

/**
 * The file name a container's log is saved under: `<name>-logs.txt`, as the user knows the
 * container (its short id when the name has nothing usable); only letters, digits, `_ . -`.
 */
export function logFileName(container: { id: string; name: string }): string {
  const name = container.name
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  return `${name || container.id.slice(0, 12)}-logs.txt`;
}
