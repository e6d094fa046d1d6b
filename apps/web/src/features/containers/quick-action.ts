import { notifications } from '@mantine/notifications';
import { ACTION_LABELS, type LifecycleAction, runAction } from '../../lib/docker/container-lifecycle.ts';

/**
 * Runs an action that needs no dialog (start, stop, restart, pause, unpause) from a list row; a
 * refusal is shown with the engine's message. Loaded on first use, so the list's first load does
 * not carry the lifecycle module and the notifications store.
 */
export async function runQuickAction(engine: string, id: string, name: string, action: LifecycleAction): Promise<void> {
  try {
    await runAction(engine, id, action);
  } catch (err) {
    notifications.show({ color: 'red', title: `${ACTION_LABELS[action]} ${name}`, message: (err as Error).message });
  }
}
