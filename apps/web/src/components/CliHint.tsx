import { Text, UnstyledButton } from '@mantine/core';
import { memo, Suspense, useState } from 'react';
import { lazyChunk } from '../lib/lazy-chunk.ts';

/** The command with its copy button: fetched the first time a hint is opened. */
const CliCommand = lazyChunk(() => import('./CliCommand.tsx'));

/** The small "CLI" disclosure every action and view carries: the `docker` command it stands for. */
export const CliHint = memo(function CliHint({ command, label = 'CLI' }: { command: string; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-label={`${open ? 'Hide' : 'Show'} the docker command`}>
        <Text size="xs" c="dimmed" td="underline">
          {open ? '▾' : '▸'} {label}
        </Text>
      </UnstyledButton>
      {open && (
        <Suspense fallback={null}>
          <CliCommand command={command} />
        </Suspense>
      )}
    </div>
  );
});
