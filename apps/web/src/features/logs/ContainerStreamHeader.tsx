import { Anchor, Group, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { StateBadge } from '../../components/StateBadge.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { containerBriefQuery } from './api.ts';

const TABS = [
  { value: 'logs', label: 'Logs' },
  { value: 'stats', label: 'Stats' },
  { value: 'terminal', label: 'Terminal' },
  { value: 'files', label: 'Files' },
] as const;

/**
 * The title and the stream tabs of a container's live views (`/containers/:id/logs|stats|
 * terminal|files`), used until the container detail page carries these tabs itself.
 */
export function ContainerStreamHeader({ id }: { id: string }) {
  const engine = useEngine();
  const { data } = useQuery(containerBriefQuery(engine, id));
  const location = useLocation();
  const navigate = useNavigate();
  const current = TABS.find((t) => location.pathname.endsWith(`/${t.value}`))?.value ?? 'logs';
  return (
    <>
      <Group gap="sm" mb="xs" wrap="nowrap">
        <Anchor component={Link} to="/containers" size="sm">
          Containers
        </Anchor>
        <Text c="dimmed">/</Text>
        <Title order={2} size="h3" ff="monospace">
          {data?.Name.replace(/^\//, '') ?? id.slice(0, 12)}
        </Title>
        {data && <StateBadge state={data.State.Status} />}
        {data && (
          <Text size="sm" c="dimmed" ff="monospace">
            {data.Config.Image}
          </Text>
        )}
      </Group>
      <Tabs value={current} onChange={(v) => v && navigate(`/containers/${encodeURIComponent(id)}/${v}`)} mb="sm">
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
    </>
  );
}
