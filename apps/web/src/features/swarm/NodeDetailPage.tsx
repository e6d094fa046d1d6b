import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { QueryState } from '../../components/QueryState.tsx';
import { nodesQuery, servicesQuery, tasksQuery } from '../../lib/docker/swarm.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes } from '../../lib/format.ts';
import { psFilter, shownTasks, TasksHeader, TasksTable } from './TasksTable.tsx';

/** `/swarm/nodes/:id`: one node and the tasks the swarm put on it (`docker node ps`), polled. */
export function NodeDetailPage() {
  const { id = '' } = useParams();
  const engine = useEngine();
  const nodes = useQuery(nodesQuery(engine));
  const tasks = useQuery(tasksQuery(engine, { node: [id] }));
  const services = useQuery(servicesQuery(engine));
  const [history, setHistory] = useState(false);
  const node = nodes.data?.find((n) => n.ID === id || n.Description.Hostname === id);
  const serviceName = (serviceId: string) => services.data?.find((s) => s.ID === serviceId)?.Spec.Name ?? serviceId.slice(0, 12);
  const shown = shownTasks(tasks.data ?? [], history);
  const host = node?.Description.Hostname ?? id;
  const running = (tasks.data ?? []).filter((t) => t.DesiredState === 'running' && t.Status.State === 'running').length;
  return (
    <QueryState isPending={nodes.isPending} error={nodes.error}>
      <Stack>
        <Anchor component={EngineLink} to="/swarm/nodes" size="sm">
          ← Swarm nodes
        </Anchor>
        {!node ? (
          <Text c="dimmed">No node {id} in this swarm: it may have been removed. Go back to the node list.</Text>
        ) : (
          <>
            <Group gap="xs">
              <Title order={2} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {host}
              </Title>
              <Badge variant="light" radius="sm">
                {node.Spec.Role}
                {node.ManagerStatus?.Leader ? ' · leader' : ''}
              </Badge>
              <Badge variant="light" radius="sm" color={node.Spec.Availability === 'active' ? 'green' : 'yellow'}>
                {node.Spec.Availability}
              </Badge>
              <Badge variant="light" radius="sm" color={node.Status.State === 'ready' ? 'green' : 'red'} data-testid="node-status">
                {node.Status.State}
              </Badge>
            </Group>
            <Group gap="lg">
              <Text size="sm">Address {node.Status.Addr ?? '—'}</Text>
              <Text size="sm">Engine {node.Description.Engine.EngineVersion}</Text>
              <Text size="sm">
                {(node.Description.Resources.NanoCPUs / 1e9).toFixed(1)} CPU · {formatBytes(node.Description.Resources.MemoryBytes)}
              </Text>
              <Text size="sm" data-testid="node-task-count">
                {running} running task{running === 1 ? '' : 's'}
              </Text>
            </Group>
          </>
        )}
        <TasksHeader history={history} onHistory={setHistory} command={`docker node ps ${psFilter(history)}${host}`} />
        <QueryState isPending={tasks.isPending} error={tasks.error}>
          {shown.length === 0 ? (
            <Text c="dimmed" p="md" data-testid="node-tasks-empty">
              {history
                ? 'The swarm has never put a task on this node.'
                : 'No tasks on this node now. The swarm places tasks here when a service needs replicas and the node is active (drained and paused nodes get none).'}
            </Text>
          ) : (
            <TasksTable tasks={shown} by="service" serviceName={(t) => serviceName(t.ServiceID)} nodeName={() => host} />
          )}
        </QueryState>
      </Stack>
    </QueryState>
  );
}
