/**
 * Which container actions the engine accepts in which state, so a view offers a button only when
 * the engine would do something (Start on a running container is a 304 "nothing to do", Kill on a
 * stopped one a 409). Checked against the real engine for every state it can be put in by a test
 * (apps/server/test/container-actions.test.ts); `dead` is from the engine's source: such a
 * container can only be removed. `remove` is a plain remove (no `force`), as `docker rm` does.
 */

export const CONTAINER_ACTIONS = ['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'remove'] as const;
export type ContainerAction = (typeof CONTAINER_ACTIONS)[number];

/** `State.Status` of an inspect (or `State` of a list row). */
export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

const ACCEPTED: Record<ContainerState, readonly ContainerAction[]> = {
  running: ['stop', 'restart', 'kill', 'pause'],
  paused: ['stop', 'restart', 'kill', 'unpause'],
  restarting: ['stop', 'restart', 'kill'],
  exited: ['start', 'restart', 'remove'],
  created: ['start', 'restart', 'remove'],
  dead: ['remove'],
  removing: [],
};

/** The actions the engine accepts for a container in `state` (none for a state it does not know). */
export function acceptedActions(state: string): readonly ContainerAction[] {
  return Object.hasOwn(ACCEPTED, state) ? ACCEPTED[state as ContainerState] : [];
}

/** Whether the engine accepts `action` for a container in `state`. */
export const accepts = (state: string, action: ContainerAction): boolean => acceptedActions(state).includes(action);

/** How many of `states` (the selected containers) an action applies to: "Start 1 of 3". */
export const applicableCount = (states: readonly string[], action: ContainerAction): number =>
  states.filter((s) => accepts(s, action)).length;

/** The docker command an action stands for (`docker rm NAME`). */
export const actionCommand = (action: ContainerAction, name: string): string => `docker ${action === 'remove' ? 'rm' : action} ${name}`;
