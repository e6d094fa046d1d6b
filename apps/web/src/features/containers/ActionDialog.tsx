import { Autocomplete, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import type { ActionTarget } from './ContainerActions.tsx';
import { ACTION_LABELS, type ActionOptions, actionCommand, type LifecycleAction } from '../../lib/docker/container-lifecycle.ts';

const SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

/** Asks before an action that destroys something or needs a value, naming what it acts on. */
export function ActionDialog({
  action,
  targets,
  pending,
  onCancel,
  onConfirm,
}: {
  action: LifecycleAction;
  targets: ActionTarget[];
  pending: boolean;
  onCancel: () => void;
  onConfirm: (o: ActionOptions) => void;
}) {
  const [opts, setOpts] = useState<ActionOptions>({ force: targets.some((t) => t.state === 'running'), signal: 'SIGKILL' });
  const names = targets.map((t) => t.name);
  const label = ACTION_LABELS[action];
  const what = targets.length === 1 ? names[0] : `${targets.length} containers`;
  return (
    <Modal opened onClose={onCancel} title={`${label} ${what}?`}>
      <Stack>
        {action === 'remove' && (
          <>
            <Text size="sm">
              This deletes {targets.length === 1 ? 'the container' : 'these containers'} and {targets.length === 1 ? 'its' : 'their'}{' '}
              writable layer: <b>{names.join(', ')}</b>. Named volumes are kept.
            </Text>
            <Checkbox
              label="Force: kill it first if running (-f)"
              checked={!!opts.force}
              onChange={(e) => setOpts({ ...opts, force: e.currentTarget.checked })}
            />
            <Checkbox
              label="Also remove anonymous volumes (-v)"
              checked={!!opts.volumes}
              onChange={(e) => setOpts({ ...opts, volumes: e.currentTarget.checked })}
            />
          </>
        )}
        {(action === 'stop' || action === 'restart') && (
          <>
            <Text size="sm">
              Sends the stop signal to <b>{names.join(', ')}</b>, then SIGKILL after the timeout.
            </Text>
            <TextInput
              label="Timeout (seconds)"
              placeholder="container default (10)"
              value={opts.timeout ?? ''}
              onChange={(e) => setOpts({ ...opts, timeout: e.currentTarget.value.replace(/[^\d]/g, '') })}
            />
          </>
        )}
        {action === 'kill' && (
          <>
            <Text size="sm">
              Sends a signal to the main process of <b>{names.join(', ')}</b>.
            </Text>
            <Autocomplete label="Signal" data={SIGNALS} value={opts.signal ?? ''} onChange={(v) => setOpts({ ...opts, signal: v })} />
          </>
        )}
        {action === 'rename' && (
          <TextInput
            label="New name"
            data-autofocus
            value={opts.newName ?? ''}
            onChange={(e) => setOpts({ ...opts, newName: e.currentTarget.value })}
          />
        )}
        <CliHint command={actionCommand(action, names, opts)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            color={action === 'remove' || action === 'kill' ? 'red' : undefined}
            loading={pending}
            onClick={() => onConfirm(opts)}
            disabled={action === 'rename' && !opts.newName?.trim()}
          >
            {label} {what}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
