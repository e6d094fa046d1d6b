import { Button, Modal, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
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
