import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { nodesQuery, serviceQuery, tasksQuery } from '../../lib/docker/swarm.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { desiredReplicas, portsText, shortImage } from './service-format.ts';
import { psFilter, shownTasks, TasksHeader, TasksTable } from './TasksTable.tsx';
import { ServiceActions } from './ServiceActions.tsx';
import { ServiceLogs } from './ServiceLogs.tsx';

/** `/swarm/services/:id`: the service, its tasks (current or with history) and its live logs. */
export function ServiceDetailPage() {
  const { id = '' } = useParams();
  const engine = useEngine();
  const service = useQuery(serviceQuery(engine, id));
  const tasks = useQuery(tasksQuery(engine, { service: [id] }));
  const nodes = useQuery(nodesQuery(engine));
  const [history, setHistory] = useState(false);
  const hostname = (nodeId?: string) => nodes.data?.find((n) => n.ID === nodeId)?.Description.Hostname ?? nodeId?.slice(0, 12) ?? '—';
  const shown = shownTasks(tasks.data ?? [], history);
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
          <TasksHeader history={history} onHistory={setHistory} command={`docker service ps ${psFilter(history)}${s.Spec.Name}`} />
          <TasksTable tasks={shown} by="node" serviceName={() => s.Spec.Name} nodeName={(t) => hostname(t.NodeID)} />
          <ServiceLogs engine={engine} service={s.ID} name={s.Spec.Name} hostname={hostname} />
        </Stack>
      )}
    </QueryState>
  );
}
