import { Button, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Destruction } from '../lib/destructive-actions.ts';
import { DialogFooter } from './DialogFooter.tsx';

/**
 * Confirms a destructive action, naming what it destroys and the docker command it stands for;
 * the engine's error, if any, is shown as is and the dialog stays open.
 */
export function ConfirmDialog({
  opened,
  onClose,
  title,
  confirmLabel,
  command,
  action,
  onDone,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  confirmLabel: string;
  command: string;
  action: () => Promise<unknown>;
  onDone?: () => void;
  children: ReactNode;
}) {
  const mutation = useMutation({
    mutationFn: action,
    onSuccess: () => {
      onClose();
      onDone?.();
    },
  });
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg">
      <Stack>
        <div>{children}</div>
        <DialogFooter error={mutation.error} command={command} onCancel={close}>
          <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {confirmLabel}
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}

/**
 * The confirm dialog of a destructive action on `target` (open while it is set, e.g. the row whose button was pressed);
 * once done, what it made stale is refetched and `onDone` runs.
 */
export function ConfirmDestruction<T>({
  target,
  destruction: d,
  onClose,
  onDone,
  children,
}: {
  target: T | null | undefined;
  destruction: Destruction<T>;
  onClose: () => void;
  onDone?: () => void;
  children: (target: T) => ReactNode;
}) {
  const client = useQueryClient();
  if (target == null) return null;
  const name = d.name(target);
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`${d.what} ${name}?`}
      confirmLabel={`${d.what.split(' ')[0]} ${name}`}
      command={d.command(target)}
      action={() => d.action(target)}
      onDone={() => {
        void client.invalidateQueries({ queryKey: d.invalidates });
        onDone?.();
      }}
    >
      {children(target)}
    </ConfirmDialog>
  );
}
