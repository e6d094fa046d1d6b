import { Badge, Code, Group, Progress, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { formatBytes } from '../../lib/format.ts';
import type { ProgressState } from '../../lib/docker/progress-stream.ts';

/** Per-layer progress bars and an overall bar for a pull or a push. */
export function LayerProgressList({ state, label }: { state: ProgressState; label: string }) {
  const rows = [...state.layers.values()];
  const overall = state.overall();
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="sm" data-testid="overall-progress">
          {overall}%
        </Text>
      </Group>
      <Progress value={overall} aria-label={`${label}: overall progress`} size="lg" />
      {rows.length > 0 && (
        <Table aria-label={`${label}: layers`} verticalSpacing={4}>
          <Table.Tbody>
            {rows.map((l) => (
              <Table.Tr key={l.id} data-layer={l.id} data-done={l.done ? 'true' : 'false'}>
                <Table.Td w={120}>
                  <Code>{l.id}</Code>
                </Table.Td>
                <Table.Td w={180}>
                  <Badge size="sm" variant="light" color={l.done ? 'green' : 'blue'}>
                    {l.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Progress
                    value={l.done ? 100 : l.total ? (l.current / l.total) * 100 : 0}
                    color={l.done ? 'green' : 'blue'}
                    aria-label={`Layer ${l.id} progress`}
                  />
                </Table.Td>
                <Table.Td w={160} fz="xs" ta="right">
                  {l.total ? `${formatBytes(l.current)} / ${formatBytes(l.total)}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {state.lines.length > 0 && (
        <ScrollArea.Autosize mah={140}>
          <Code block aria-label={`${label}: messages`}>
            {state.lines.join('\n')}
          </Code>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
