import { accepts, acceptedActions } from '@porthole/shared/container-actions';
import { shellQuote } from '@porthole/shared/shell-quote-words';
import { docker } from '../api-client.ts';

/** Lifecycle actions: the Engine API call and the `docker` command each stands for. */
export type LifecycleAction = 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause' | 'rename' | 'remove';

export interface ActionOptions {
  /** stop / restart: seconds before SIGKILL ('' = the container's default). */
  timeout?: string;
  /** kill: the signal ('' = SIGKILL). */
  signal?: string;
  /** rename: the new name. */
  newName?: string;
  /** remove: kill a running container first (-f) and remove its anonymous volumes (-v). */
  force?: boolean;
  volumes?: boolean;
}

export function actionCommand(action: LifecycleAction, names: string[], o: ActionOptions = {}): string {
  const targets = names.map(shellQuote).join(' ');
  switch (action) {
    case 'stop':
    case 'restart':
      return `docker ${action}${o.timeout ? ` -t ${o.timeout}` : ''} ${targets}`;
    case 'kill':
      return `docker kill${o.signal ? ` -s ${shellQuote(o.signal)}` : ''} ${targets}`;
    case 'rename':
      return `docker rename ${targets} ${shellQuote(o.newName || 'NEW_NAME')}`;
    case 'remove':
      return `docker rm${o.force ? ' -f' : ''}${o.volumes ? ' -v' : ''} ${targets}`;
    default:
      return `docker ${action} ${targets}`;
  }
}

/** Runs one action on one container through the Engine API proxy; throws the engine's message. */
export async function runAction(engine: string, id: string, action: LifecycleAction, o: ActionOptions = {}): Promise<void> {
  const path = `/containers/${encodeURIComponent(id)}`;
  switch (action) {
    case 'stop':
    case 'restart':
      await docker(engine, `${path}/${action}`, { method: 'POST', query: { t: o.timeout || undefined } });
      return;
    case 'kill':
      await docker(engine, `${path}/kill`, { method: 'POST', query: { signal: o.signal || undefined } });
      return;
    case 'rename':
      await docker(engine, `${path}/rename`, { method: 'POST', query: { name: o.newName ?? '' } });
      return;
    case 'remove':
      await docker(engine, path, { method: 'DELETE', query: { force: o.force || undefined, v: o.volumes || undefined } });
      return;
    default:
      await docker(engine, `${path}/${action}`, { method: 'POST' });
  }
}

/**
 * Whether the engine accepts `action` for a container in `state` (shared container-actions.ts).
 * Rename works in every state but removing; remove is offered while running too, because its
 * dialog can force it (`docker rm -f`).
 */
export function actionApplies(state: string, action: LifecycleAction): boolean {
  if (action === 'rename' || action === 'remove') return state !== 'removing';
  return accepts(state, action);
}

/** The actions the engine accepts in a state, in the order buttons show them. */
export function actionsFor(state: string): LifecycleAction[] {
  const lifecycle = acceptedActions(state).filter((a): a is Exclude<LifecycleAction, 'rename'> => a !== 'remove');
  return state === 'removing' ? [] : [...lifecycle, 'rename', 'remove'];
}

export const ACTION_LABELS: Record<LifecycleAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  kill: 'Kill',
  pause: 'Pause',
  unpause: 'Unpause',
  rename: 'Rename',
  remove: 'Remove',
};
