import { Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { runCommand } from '@porthole/shared/run-command';
import type { RunSpec } from '@porthole/shared/run-spec';

/** The live `docker run` equivalent of the form, with copy. */
export function RunPreview({ spec }: { spec: RunSpec }) {
  const command = runCommand(spec);
  return (
    <Paper withBorder p="md" radius="md" aria-label="docker run preview">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>docker run</Title>
          <CopyButton value={command}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Code
          block
          data-testid="run-preview"
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: '60vh', overflow: 'auto' }}
        >
          {command}
        </Code>
        {spec.networks.length > 1 && (
          <Text size="xs" c="dimmed">
            Engine API 1.41 connects one network at create: the others are connected before start, as above.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
