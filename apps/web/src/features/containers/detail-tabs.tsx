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
 * Logs, Stats, Terminal, Files (live streams), Networks (networks).
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
