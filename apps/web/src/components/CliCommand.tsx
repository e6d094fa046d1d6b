import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';

/** An opened CliHint: the command, and a button that copies it. */
export default function CliCommand({ command }: { command: string }) {
  return (
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
  );
}
