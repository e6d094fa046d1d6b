import { Anchor, Badge, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { CliHint } from '../../components/CliHint.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { nodesQuery, serviceQuery, tasksQuery } from '../../lib/docker/swarm.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { timeAgo } from '../../lib/format.ts';
import { desiredReplicas, portsText, shortImage } from './service-format.ts';
import { ServiceActions } from './ServiceActions.tsx';
import { ServiceLogs } from './ServiceLogs.tsx';

/** `/swarm/services/:id`: the service, its tasks (current or with history) and its live logs. */
export function ServiceDetailPage() {
  const { id = '' } = useParams();
  const engine = useEngine();
  const service = useQuery(serviceQuery(engine, id));
  const tasks = useQuery(tasksQuery(engine, { service: [id] }));
  const nodes = useQuery(nodesQuery(engine));
  const [history, setHistory] = useState('current');
  const hostname = (nodeId?: string) => nodes.data?.find((n) => n.ID === nodeId)?.Description.Hostname ?? nodeId?.slice(0, 12) ?? '—';
  const shown = (tasks.data ?? [])
    .filter((t) => history === 'all' || t.DesiredState === 'running')
    .sort((a, b) => (a.Slot ?? 0) - (b.Slot ?? 0) || b.CreatedAt.localeCompare(a.CreatedAt));
  const s = service.data;
  // `GET /services/{id}` has no ServiceStatus (only the list does): count the running tasks.
  const runningCount = (tasks.data ?? []).filter((t) => t.DesiredState === 'running' && t.Status.State === 'running').length;
  return (
    <QueryState isPending={service.isPending} error={service.error}>
      {s && (
        <Stack>
          <Anchor component={EngineLink} to="/swarm/services" size="sm">
            ← Services
          </Anchor>
          <Group justify="space-between" gap="xs">
            <Title order={2} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {s.Spec.Name}
            </Title>
            <ServiceActions service={s} />
          </Group>
          <Group gap="lg">
            <Text size="sm">
              Image <code>{shortImage(s.Spec.TaskTemplate.ContainerSpec.Image)}</code>
            </Text>
            <Text size="sm" data-testid="service-replicas">
              Replicas {runningCount}/{s.Spec.Mode.Replicated ? desiredReplicas(s) : runningCount}
            </Text>
            <Text size="sm">Ports {portsText(s.Endpoint?.Ports)}</Text>
            <Text size="sm" data-testid="update-status">
              Update{' '}
              <Badge variant="light" radius="sm" title={s.UpdateStatus?.Message}>
                {s.UpdateStatus?.State ?? 'none'}
              </Badge>
            </Text>
            {s.UpdateStatus?.Message && (
              <Text size="xs" c="dimmed">
                {s.UpdateStatus.Message}
              </Text>
            )}
          </Group>
          <Group justify="space-between">
            <Title order={4}>Tasks</Title>
            <Group>
              <SegmentedControl
                size="xs"
                value={history}
                onChange={setHistory}
                data={[
                  { value: 'current', label: 'Current' },
                  { value: 'all', label: 'With history' },
                ]}
              />
              <CliHint command={`docker service ps ${history === 'all' ? '' : '--filter desired-state=running '}${s.Spec.Name}`} />
            </Group>
          </Group>
          <DataTable
            scroll
            label="Tasks"
            minWidth={800}
            head={
              <Table.Tr>
                <Table.Th>Task</Table.Th>
                <Table.Th>Node</Table.Th>
                <Table.Th>Image</Table.Th>
                <Table.Th>Desired</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Since</Table.Th>
                <Table.Th>Error</Table.Th>
              </Table.Tr>
            }
          >
            {shown.map((t) => (
              <Table.Tr
                key={t.ID}
                data-task={t.ID}
                data-node={hostname(t.NodeID)}
                data-state={t.Status.State}
                data-image={shortImage(t.Spec.ContainerSpec.Image)}
              >
                <Table.Td ff="monospace" fz="xs">
                  {s.Spec.Name}.{t.Slot ?? t.NodeID?.slice(0, 6)}{' '}
                  <Text span c="dimmed" fz="xs">
                    {t.ID.slice(0, 10)}
                  </Text>
                </Table.Td>
                <Table.Td>{hostname(t.NodeID)}</Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {shortImage(t.Spec.ContainerSpec.Image)}
                </Table.Td>
                <Table.Td>{t.DesiredState}</Table.Td>
                <Table.Td>
                  <StateBadge state={t.Status.State} />
                </Table.Td>
                <Table.Td title={t.Status.Timestamp}>{timeAgo(t.Status.Timestamp)}</Table.Td>
                <Table.Td c="red" fz="xs" maw={280} style={{ overflowWrap: 'anywhere' }}>
                  {t.Status.Err ?? ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <ServiceLogs engine={engine} service={s.ID} name={s.Spec.Name} hostname={hostname} />
        </Stack>
      )}
    </QueryState>
  );
}
