import { ActionIcon, Code, CopyButton, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useState } from 'react';

/** The small "CLI" disclosure every action and view carries: the `docker` command it stands for. */
export function CliHint({ command, label = 'CLI' }: { command: string; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-label={`${open ? 'Hide' : 'Show'} the docker command`}>
        <Text size="xs" c="dimmed" td="underline">
          {open ? '▾' : '▸'} {label}
        </Text>
      </UnstyledButton>
      {open && (
        <Group gap={4} wrap="nowrap" mt={4}>
          <Code block style={{ flex: 1, whiteSpace: 'pre-wrap' }} aria-label="docker command">
            {command}
          </Code>
          <CopyButton value={command}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy'}>
                <ActionIcon variant="subtle" onClick={copy} aria-label="Copy command">
                  {copied ? '✓' : '⧉'}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      )}
    </div>
  );
}
