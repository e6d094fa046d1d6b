import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { CliHint } from './CliHint.tsx';
import { failureTitle } from '../lib/failure-title.ts';

/**
 * The end of every action dialog: what the engine refused (if it did), the `docker` command the
 * action stands for, Cancel, and the dialog's own action button(s) as children.
 */
export function DialogFooter({
  error,
  command,
  onCancel,
  children,
}: {
  error?: Error | null;
  command: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <>
      {error && (
        <Alert color="red" role="alert" title={failureTitle(error)}>
          <Text size="sm" ff="monospace" data-testid="engine-error">
            {error.message}
          </Text>
        </Alert>
      )}
      <CliHint command={command} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        {children}
      </Group>
    </>
  );
}
