import { Button, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { resourceKey } from '../../lib/query-keys.ts';

/** A Swarm change: what it does, its `docker` command, the engine's refusal if any; refetches swarm views after. */
export function ActionDialog(props: {
  title: string;
  command: string;
  confirmLabel: string;
  action: () => Promise<unknown>;
  onClose: () => void;
  danger?: boolean;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const engine = useEngine();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: props.action,
    onSuccess: () => {
      for (const r of ['nodes', 'services', 'tasks', 'secrets', 'configs', 'stacks', 'networks'])
        void client.invalidateQueries({ queryKey: resourceKey(engine, r) });
      props.onClose();
    },
  });
  return (
    <Modal opened onClose={props.onClose} title={props.title} size="lg">
      <Stack>
        {props.children}
        <DialogFooter error={mutation.error} command={props.command} onCancel={props.onClose}>
          <Button
            color={props.danger ? 'red' : undefined}
            disabled={props.disabled}
            loading={mutation.isPending}
            onClick={() => mutation.mutate()}
          >
            {props.confirmLabel}
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}
