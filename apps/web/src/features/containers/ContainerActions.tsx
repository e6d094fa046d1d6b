import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { containerKeys } from '../../lib/docker/containers.ts';
import {
  ACTION_LABELS,
  type ActionOptions,
  actionCommand,
  actionApplies,
  actionsFor,
  type LifecycleAction,
  runAction,
} from '../../lib/docker/container-lifecycle.ts';
import { lazyChunk } from '../../lib/lazy-chunk.ts';
import { gated, useCan } from '../../lib/role.ts';
import { failureTitle } from '../../lib/failure-title.ts';

/** The confirmation dialog (a modal): fetched the first time an action asks. */
const ActionDialog = lazyChunk(() => import('./ActionDialog.tsx').then((m) => ({ default: m.ActionDialog })));

export interface ActionTarget {
  id: string;
  name: string;
  state: string;
}

/** Actions that ask first: they destroy something or need a value. */
const ASKS: LifecycleAction[] = ['stop', 'restart', 'kill', 'rename', 'remove'];

/**
 * Lifecycle buttons for one container or a selection, offered only where the engine accepts them
 * (`actionApplies`): one container shows the actions of its state; a selection shows each action
 * with how many of the selected containers it applies to ("Start 1 of 3") and runs it on those
 * only. Each shows its `docker` command; the engine's own error message is shown as is. Results
 * arrive through engine events.
 */
export function ContainerActions({
  targets,
  actions,
  onRemoved,
  compact,
}: {
  targets: ActionTarget[];
  actions?: LifecycleAction[];
  onRemoved?: () => void;
  compact?: boolean;
}) {
  const engine = useEngine();
  const client = useQueryClient();
  const [asking, setAsking] = useState<LifecycleAction | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [errorsTitle, setErrorsTitle] = useState('');
  const bulk = targets.length > 1;
  const wanted = actions ?? (bulk ? ['start', 'stop', 'restart', 'remove'] : actionsFor(targets[0]?.state ?? ''));
  const applicable = (action: LifecycleAction) => targets.filter((t) => actionApplies(t.state, action));
  // One container: only the actions its state accepts. A selection: every wanted action, disabled where none applies.
  const list = bulk ? wanted : wanted.filter((a) => applicable(a).length > 0);
  const names = (action: LifecycleAction) => applicable(action).map((t) => t.name);

  const mutation = useMutation({
    mutationFn: async ({ action, opts }: { action: LifecycleAction; opts: ActionOptions }) => {
      const chosen = applicable(action);
      const results = await Promise.allSettled(chosen.map((t) => runAction(engine, t.id, action, opts)));
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [`${bulk ? `${chosen[i]!.name}: ` : ''}${(r.reason as Error).message}`] : [],
      );
      const title = failureTitle(...results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])));
      return { action, failed, title, done: chosen.length - failed.length, only: chosen.length === 1 ? chosen[0]!.name : '' };
    },
    onSuccess: ({ action, failed, title, done, only }) => {
      setErrors(failed);
      setErrorsTitle(title);
      setAsking(null);
      if (done > 0) {
        notifications.show({
          message: `${ACTION_LABELS[action]}: ${done === 1 && only ? only : `${done} containers`}`,
        });
      }
      if (action === 'remove' && failed.length === 0) onRemoved?.();
      void client.invalidateQueries({ queryKey: containerKeys.all(engine) });
    },
  });

  const run = (action: LifecycleAction, opts: ActionOptions = {}) => mutation.mutate({ action, opts });
  const disabled = targets.length === 0 || mutation.isPending;
  const act = useCan('container.act');
  const remove = useCan('container.remove');

  return (
    <Stack gap={4}>
      <Group gap="xs" className="lifecycle-actions">
        {list.map((action) => {
          const n = applicable(action).length;
          return (
            <Button
              key={action}
              size={compact ? 'xs' : 'sm'}
              variant={action === 'remove' || action === 'kill' ? 'light' : 'default'}
              color={action === 'remove' || action === 'kill' ? 'red' : undefined}
              {...gated(action === 'remove' ? remove : act, disabled || n === 0)}
              loading={mutation.isPending && mutation.variables?.action === action}
              onClick={() => (ASKS.includes(action) ? setAsking(action) : run(action))}
            >
              {ACTION_LABELS[action]}
              {bulk ? ` ${n} of ${targets.length}` : ''}
            </Button>
          );
        })}
      </Group>
      {targets.length > 0 && (
        <CliHint
          command={list
            .filter((a) => applicable(a).length > 0)
            .map((a) => actionCommand(a, names(a)))
            .join('\n')}
        />
      )}
      {errors.length > 0 && (
        <Alert color="red" role="alert" title={errorsTitle} withCloseButton onClose={() => setErrors([])} closeButtonLabel="Dismiss error">
          {errors.map((e) => (
            <Text key={e} size="sm" ff="monospace">
              {e}
            </Text>
          ))}
        </Alert>
      )}
      {asking && (
        <Suspense fallback={null}>
          <ActionDialog
            action={asking}
            targets={applicable(asking)}
            pending={mutation.isPending}
            onCancel={() => setAsking(null)}
            onConfirm={(opts) => run(asking, opts)}
          />
        </Suspense>
      )}
    </Stack>
  );
}
