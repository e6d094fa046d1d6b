import type { EngineApi } from './engine-api.ts';

/** Does the container run with a TTY (raw log stream) or not (multiplexed stdout/stderr frames)? */
export async function containerTty(engine: EngineApi, id: string): Promise<{ tty: boolean; running: boolean; id: string }> {
  const info = await engine.inspectContainer(id);
  return { tty: !!info.Config.Tty, running: !!info.State.Running, id: info.Id };
}
