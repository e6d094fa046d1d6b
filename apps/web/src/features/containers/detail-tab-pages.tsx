import type { ComponentType } from 'react';
import { ContainerNetworksTab } from './NetworksTab.tsx';
import { ChangesTab } from './ChangesTab.tsx';
import type { DetailTabPath } from './detail-tabs.ts';
import { InspectTab } from './InspectTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { ProcessesTab } from './ProcessesTab.tsx';
import { RunCommandTab } from './RunCommandTab.tsx';

/** The page of each container detail tab (one chunk, loaded with the detail view). */
export const DETAIL_TAB_PAGES: Record<DetailTabPath, ComponentType> = {
  overview: OverviewTab,
  inspect: InspectTab,
  processes: ProcessesTab,
  changes: ChangesTab,
  'run-command': RunCommandTab,
  networks: ContainerNetworksTab,
};
