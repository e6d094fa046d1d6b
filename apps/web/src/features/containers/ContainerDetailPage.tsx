import { Alert, Anchor, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { shortId } from '../../lib/format.ts';
import { containerInspectQuery, containerName } from './api.ts';
import { ContainerActions } from './ContainerActions.tsx';
import type { ContainerDetailContext } from './detail-context.ts';
import { DETAIL_TABS } from './detail-tabs.tsx';
import type { LifecycleAction } from './lifecycle.ts';

const ALL_ACTIONS: LifecycleAction[] = ['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'rename', 'remove'];

export function ContainerDetailPage() {
  const engine = useEngine();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const inspect = useQuery(containerInspectQuery(engine, id));
  const tab = location.pathname.split('/')[3] ?? 'overview';

  if (inspect.error instanceof ApiError && inspect.error.status === 404) {
    return (
      <Alert color="yellow" title="No such container" role="alert">
        {inspect.error.message}. It may have been removed.{' '}
        <Anchor component={Link} to="/containers">
          Back to the containers
        </Anchor>
      </Alert>
    );
  }
  const c = inspect.data;
  const state = c ? (c.State.Restarting ? 'restarting' : c.State.Paused ? 'paused' : c.State.Status) : '';
  const context: ContainerDetailContext | undefined = c ? { engine, id: c.Id, container: c } : undefined;
  return (
    <QueryState isPending={inspect.isPending} error={inspect.error}>
      {c && context && (
        <Stack>
          <Group justify="space-between" align="start">
            <div>
              <Group gap="xs">
                <Anchor component={Link} to="/containers" size="sm">
                  Containers
                </Anchor>
                <Text size="sm" c="dimmed">
                  /
                </Text>
              </Group>
              <Group gap="sm">
                <Title order={2} data-testid="container-name">
                  {containerName(c)}
                </Title>
                <span data-testid="container-state">
                  <StateBadge state={state} />
                </span>
                {c.State.Health && <StateBadge state={c.State.Health.Status} />}
              </Group>
              <Text size="xs" c="dimmed" ff="monospace">
                {shortId(c.Id)} · {c.Config.Image}
              </Text>
            </div>
            <ContainerActions
              targets={[{ id: c.Id, name: containerName(c), state }]}
              actions={ALL_ACTIONS}
              onRemoved={() => navigate('/containers')}
            />
          </Group>
          <Tabs value={tab} onChange={(v) => v && navigate(`/containers/${id}/${v}`)} keepMounted={false}>
            <Tabs.List aria-label="Container views">
              {DETAIL_TABS.map((t) => (
                <Tabs.Tab key={t.path} value={t.path}>
                  {t.label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <Outlet context={context} />
        </Stack>
      )}
    </QueryState>
  );
}
