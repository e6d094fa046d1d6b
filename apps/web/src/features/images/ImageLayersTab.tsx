import { Badge, Button, Code, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { dockerfileLine, emptyLayerFlags } from '@porthole/shared/image-history';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes, shortId, timeAgo } from '../../lib/format.ts';
import { imageHistoryQuery, type ImageInspect } from '../../lib/docker/images.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';

/** The image history as Dockerfile lines with sizes, and the Dockerfile reconstructed from it. */
export function ImageLayersTab({ image }: { image: ImageInspect }) {
  const engine = useEngine();
  const history = useQuery(imageHistoryQuery(engine, image.Id));
  const rows = useMemo(() => {
    const h = history.data ?? [];
    const empty = emptyLayerFlags(h, image.RootFS?.Layers?.length ?? 0);
    return h.map((e, i) => ({ ...e, ...dockerfileLine(e.CreatedBy), empty: empty[i] ?? false }));
  }, [history.data, image.RootFS]);
  const total = rows.reduce((s, r) => s + r.Size, 0);
  const max = Math.max(1, ...rows.map((r) => r.Size));
  const dockerfile = rows.map((r) => r.line).join('\n');

  return (
    <QueryState isPending={history.isPending} error={history.error}>
      <Stack>
        <Group justify="space-between">
          <Text size="sm">
            {rows.length} instructions, {rows.filter((r) => !r.empty).length} layers, total{' '}
            <strong data-testid="layers-total" data-bytes={total}>
              {formatBytes(total)}
            </strong>
          </Text>
          <Group>
            <Button component={EngineLink} to={`/images/${encodeURIComponent(shortId(image.Id))}/layers/explore`} variant="light">
              Explore layers
            </Button>
            <CliHint command={`docker history --no-trunc ${shortId(image.Id)}`} />
          </Group>
        </Group>
        <Table aria-label="Image layers" verticalSpacing={4} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>#</Table.Th>
              <Table.Th>Instruction</Table.Th>
              <Table.Th w={220}>Size</Table.Th>
              <Table.Th w={130}>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={`${i}-${r.CreatedBy}`} data-layer-size={r.Size} data-empty={r.empty ? 'true' : 'false'}>
                <Table.Td c="dimmed">{i}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Badge
                      size="xs"
                      variant="light"
                      color={r.instruction === 'RUN' ? 'blue' : r.instruction === 'COPY' || r.instruction === 'ADD' ? 'teal' : 'gray'}
                      miw={70}
                    >
                      {r.instruction}
                    </Badge>
                    <Code fz="xs" style={{ whiteSpace: 'pre-wrap' }} title={r.CreatedBy}>
                      {r.line.slice(r.instruction.length + 1, 400)}
                    </Code>
                    {r.empty && (
                      <Badge size="xs" color="gray" variant="outline">
                        empty layer
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Progress value={(r.Size / max) * 100} w={110} size="sm" aria-label={`Layer ${i} size`} />
                    <Text size="xs">{formatBytes(r.Size)}</Text>
                  </Group>
                </Table.Td>
                <Table.Td fz="xs">{timeAgo(r.Created)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            Reconstructed Dockerfile
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            From the history: the base image's own instructions come first; FROM lines and build contexts are not recorded.
          </Text>
          <Code block aria-label="Reconstructed Dockerfile">
            {dockerfile}
          </Code>
        </Paper>
      </Stack>
    </QueryState>
  );
}
