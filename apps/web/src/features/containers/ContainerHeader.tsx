import { Group, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { shortId } from '../../lib/format.ts';
import { type ContainerInspect, containerName } from '../../lib/docker/containers.ts';
import { ContainerActions } from './ContainerActions.tsx';
import { DETAIL_TABS, STREAM_TABS } from './detail-tabs.ts';
import { useEngineNavigate, viewPathOf } from '../../lib/engine-paths.tsx';
import { useCan } from '../../lib/role.ts';

export const containerState = (c: ContainerInspect) => (c.State.Restarting ? 'restarting' : c.State.Paused ? 'paused' : c.State.Status);

/**
 * A container's title (name, state, health, id, image), its lifecycle actions and one tab bar
 * for all its views: the detail tabs (`DETAIL_TABS`) and the live views that have their own
 * route (`STREAM_TABS`: logs, stats, terminal, files). Shown by the detail page and by each
 * live view, so moving between them keeps the same context.
 */
export function ContainerHeader({ id, container: c }: { id: string; container: ContainerInspect }) {
  const navigate = useEngineNavigate();
  const location = useLocation();
  const tab = (viewPathOf(location.pathname) ?? location.pathname).split('/')[3] ?? 'overview';
  const state = containerState(c);
  const terminal = useCan('container.terminal');
  const files = useCan('container.files');
  // On a phone the tab bar scrolls sideways: the open tab is brought into it.
  const tabs = useRef<HTMLDivElement>(null);
  useEffect(() => {
    tabs.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [tab]);
  return (
    <>
      <Group justify="space-between" align="start">
        <div>
          <Breadcrumbs items={[{ to: '/containers', label: 'Containers' }]} />
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
        <ContainerActions targets={[{ id: c.Id, name: containerName(c), state }]} onRemoved={() => navigate('/containers')} />
      </Group>
      {/* Arrows move focus along the tab bar, Enter/Space opens a tab: opening one on every arrow
          remounts the live views' page (and the tab bar with it), so focus fell off the bar. */}
      <Tabs
        value={tab}
        onChange={(v) => v && navigate(`/containers/${encodeURIComponent(id)}/${v}`)}
        keepMounted={false}
        activateTabWithKeyboard={false}
      >
        <Tabs.List aria-label="Container views" className="tabs-scroll" ref={tabs}>
          {[...DETAIL_TABS, ...STREAM_TABS]
            .filter((t) => !(t.path === 'terminal' && !terminal.allowed) && !(t.path === 'files' && !files.allowed))
            .map((t) => (
              <Tabs.Tab key={t.path} value={t.path}>
                {t.label}
              </Tabs.Tab>
            ))}
        </Tabs.List>
      </Tabs>
    </>
  );
}
