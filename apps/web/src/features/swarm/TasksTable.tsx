import { Anchor, Group, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { CliHint } from '../../components/CliHint.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import type { SwarmTask } from '../../lib/docker/swarm.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { timeAgo } from '../../lib/format.ts';
import { shortImage } from './service-format.ts';

/** Current tasks (desired running) or all with their history, by slot then newest first. */
export function shownTasks(tasks: SwarmTask[], history: boolean): SwarmTask[] {
  return tasks
    .filter((t) => history || t.DesiredState === 'running')
    .sort((a, b) => (a.Slot ?? 0) - (b.Slot ?? 0) || b.CreatedAt.localeCompare(a.CreatedAt));
}

/** "Tasks" with the Current / With history switch and the `docker … ps` command of what is shown. */
export function TasksHeader({ history, onHistory, command }: { history: boolean; onHistory: (all: boolean) => void; command: string }) {
  return (
    <Group justify="space-between">
      <Title order={4}>Tasks</Title>
      <Group>
        <SegmentedControl
          size="xs"
          value={history ? 'all' : 'current'}
          onChange={(v) => onHistory(v === 'all')}
          data={[
            { value: 'current', label: 'Current' },
            { value: 'all', label: 'With history' },
          ]}
        />
        <CliHint command={command} />
      </Group>
    </Group>
  );
}

/** `--filter desired-state=running` unless the history is shown. */
export const psFilter = (history: boolean) => (history ? '' : '--filter desired-state=running ');

/**
 * The tasks of a service (`docker service ps`, a Node column) or of a node (`docker node ps`, a
 * Service column): name (`service.slot`), image, desired and current state, since, error.
 */
export function TasksTable({
  tasks,
  by,
  serviceName,
  nodeName,
}: {
  tasks: SwarmTask[];
  by: 'node' | 'service';
  serviceName: (t: SwarmTask) => string;
  nodeName: (t: SwarmTask) => string;
}) {
  return (
    <DataTable
      scroll
      label="Tasks"
      minWidth={800}
      head={
        <Table.Tr>
          <Table.Th>Task</Table.Th>
          <Table.Th>{by === 'node' ? 'Node' : 'Service'}</Table.Th>
          <Table.Th>Image</Table.Th>
          <Table.Th>Desired</Table.Th>
          <Table.Th>State</Table.Th>
          <Table.Th>Since</Table.Th>
          <Table.Th>Error</Table.Th>
        </Table.Tr>
      }
    >
      {tasks.map((t) => (
        <Table.Tr
          key={t.ID}
          data-task={t.ID}
          data-node={nodeName(t)}
          data-service={serviceName(t)}
          data-slot={t.Slot ?? ''}
          data-state={t.Status.State}
          data-desired={t.DesiredState}
          data-image={shortImage(t.Spec.ContainerSpec.Image)}
        >
          <Table.Td ff="monospace" fz="xs">
            {serviceName(t)}.{t.Slot ?? t.NodeID?.slice(0, 6)}{' '}
            <Text span c="dimmed" fz="xs">
              {t.ID.slice(0, 10)}
            </Text>
          </Table.Td>
          <Table.Td>
            {by === 'node' ? (
              <Anchor component={EngineLink} to={`/swarm/nodes/${t.NodeID ?? ''}`} size="sm">
                {nodeName(t)}
              </Anchor>
            ) : (
              <Anchor component={EngineLink} to={`/swarm/services/${t.ServiceID}`} fz="xs" ff="monospace">
                {serviceName(t)}
              </Anchor>
            )}
          </Table.Td>
          <Table.Td ff="monospace" fz="xs">
            {shortImage(t.Spec.ContainerSpec.Image)}
          </Table.Td>
          <Table.Td>{t.DesiredState}</Table.Td>
          <Table.Td miw={110}>
            <StateBadge state={t.Status.State} />
          </Table.Td>
          <Table.Td title={t.Status.Timestamp} style={{ whiteSpace: 'nowrap' }}>
            {timeAgo(t.Status.Timestamp)}
          </Table.Td>
          <Table.Td c="red" fz="xs" maw={280} style={{ overflowWrap: 'anywhere' }}>
            {t.Status.Err ?? ''}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
