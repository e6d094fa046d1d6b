import type { ReactNode } from 'react';
import { ContainerNetworksTab } from '../networks/ContainerNetworksTab.tsx';
import { ChangesTab } from './ChangesTab.tsx';
import { InspectTab } from './InspectTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { ProcessesTab } from './ProcessesTab.tsx';
import { RunCommandTab } from './RunCommandTab.tsx';

/**
 * The container detail tabs, each at `/containers/:id/<path>`. Other features add their tab here
 * (one entry; the element reads the container with `useContainerDetail()` from detail-context.ts):
 * Networks (networks). The live views with their own route are in STREAM_TABS.
 */
export interface DetailTab {
  path: string;
  label: string;
  element: ReactNode;
}

export const DETAIL_TABS: DetailTab[] = [
  { path: 'overview', label: 'Overview', element: <OverviewTab /> },
  { path: 'inspect', label: 'Inspect', element: <InspectTab /> },
  { path: 'processes', label: 'Processes', element: <ProcessesTab /> },
  { path: 'changes', label: 'Changes', element: <ChangesTab /> },
  { path: 'run-command', label: 'Run command', element: <RunCommandTab /> },
  { path: 'networks', label: 'Networks', element: <ContainerNetworksTab /> },
];

/**
 * The live views of a container, each a route of its own (`/containers/:id/logs|stats|terminal|
 * files`, in their features), shown in the same tab bar after the detail tabs.
 */
export const STREAM_TABS: Array<Pick<DetailTab, 'path' | 'label'>> = [
  { path: 'logs', label: 'Logs' },
  { path: 'stats', label: 'Stats' },
  { path: 'terminal', label: 'Terminal' },
  { path: 'files', label: 'Files' },
];
