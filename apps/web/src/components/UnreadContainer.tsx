import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EngineLink } from '../lib/engine-paths.tsx';
import { containerName } from '../lib/docker/containers.ts';
import { retryContainerDetails, type UnreadContainer } from '../lib/docker/container-details.ts';
import { useEngine } from '../lib/engine-status.tsx';
import { StateBadge } from './StateBadge.tsx';

/**
 * Why a container of the details list has no inspect ("inspect timed out after 5 s") and a Retry
 * that inspects that one container again: views built on the details list (limits, health) show
 * such a row marked instead of dropping it or waiting for it.
 */
export function UnreadReason({ row }: { row: UnreadContainer }) {
  const engine = useEngine();
  const client = useQueryClient();
  const name = containerName(row.summary);
  const retry = useMutation({ mutationFn: () => retryContainerDetails(client, engine, row.summary.Id) });
  return (
    <Group gap="xs" wrap="nowrap" data-testid={`unread-${name}`}>
      <Text size="sm" c="red" role="status">
        {row.error}
      </Text>
      <Button size="compact-xs" variant="default" loading={retry.isPending} onClick={() => retry.mutate()} aria-label={`Retry ${name}`}>
        Retry
      </Button>
    </Group>
  );
}

/** A container's name (linked) and state from its list row, for rows without an inspect. */
export function UnreadName({ row }: { row: UnreadContainer }) {
  return (
    <>
      <Anchor component={EngineLink} to={`/containers/${row.summary.Id}`} size="sm" fw={600}>
        {containerName(row.summary)}
      </Anchor>
      <div>
        <StateBadge state={row.summary.State} />
      </div>
    </>
  );
}

/** A table row for a container without an inspect: its name, state and why, across `colSpan` cells. */
export function UnreadTableRow({ row, colSpan }: { row: UnreadContainer; colSpan: number }) {
  return (
    <Table.Tr data-unread="true">
      <Table.Td>
        <UnreadName row={row} />
      </Table.Td>
      <Table.Td colSpan={colSpan}>
        <UnreadReason row={row} />
      </Table.Td>
    </Table.Tr>
  );
}

/** A card listing the containers that could not be inspected (health: their healthchecks are unknown). */
export function UnreadContainersCard({ rows, what }: { rows: UnreadContainer[]; what: string }) {
  if (rows.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Containers not read">
      <Title order={5} mb={4}>
        Not read ({rows.length})
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        The engine did not answer for these containers in time, so their {what} is unknown.
      </Text>
      <Stack gap={6}>
        {rows.map((r) => (
          <div key={r.summary.Id}>
            <Group gap="xs">
              <Anchor component={EngineLink} to={`/containers/${r.summary.Id}`} size="sm" fw={600}>
                {containerName(r.summary)}
              </Anchor>
              <StateBadge state={r.summary.State} />
            </Group>
            <UnreadReason row={r} />
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
