import { Menu } from '@mantine/core';
import type { ReactElement } from 'react';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { ACTION_LABELS, actionApplies, type LifecycleAction } from '../../lib/docker/container-lifecycle.ts';
import type { ContainerSummary } from '../../lib/docker/containers.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { useCans } from '../../lib/role.ts';
import { runQuickAction } from './quick-action.ts';
import { DETAIL_TABS, STREAM_TABS } from './detail-tabs.ts';

/** Actions a row runs at once (the ones that ask — stop with a timeout, kill, remove — are on the detail page). */
const DIRECT: LifecycleAction[] = ['restart', 'pause', 'unpause'];

/**
 * A row's kebab menu: the container's views and the quick actions its state accepts. Opens when
 * mounted. What the signed-in role may not do is disabled with the reason; views it cannot use at
 * all (terminal, files) are left out, as on the detail page.
 */
export function RowMenu({ c, name, children }: { c: ContainerSummary; name: string; children: ReactElement }) {
  const engine = useEngine();
  const can = useCans({ act: 'container.act', terminal: 'container.terminal', files: 'container.files' });
  const run = (action: LifecycleAction) => runQuickAction(engine, c.Id, name, action);
  const actions = DIRECT.filter((a) => actionApplies(c.State, a));
  const views = [...DETAIL_TABS, ...STREAM_TABS].filter(
    (t) => !(t.path === 'terminal' && !can.terminal.allowed) && !(t.path === 'files' && !can.files.allowed),
  );
  return (
    <Menu defaultOpened position="bottom-end" withinPortal>
      <Menu.Target>{children}</Menu.Target>
      <Menu.Dropdown aria-label={`Actions for ${name}`}>
        <Menu.Label>{name}</Menu.Label>
        {actions.map((a) => (
          <Menu.Item key={a} onClick={() => void run(a)} disabled={!can.act.allowed} title={can.act.reason}>
            {ACTION_LABELS[a]}
          </Menu.Item>
        ))}
        {actions.length > 0 && can.act.reason && <Menu.Label maw={220}>{can.act.reason}</Menu.Label>}
        <Menu.Item component={EngineLink} to={`/containers/${c.Id}`}>
          All actions…
        </Menu.Item>
        <Menu.Divider />
        {views.map((t) => (
          <Menu.Item key={t.path} component={EngineLink} to={`/containers/${c.Id}/${t.path}`}>
            {t.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
