import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { Loader } from '@mantine/core';
import { NetworkDetailPage } from './NetworkDetailPage.tsx';
import { NetworksPage } from './NetworksPage.tsx';

/** The topology map (React Flow) is loaded only on its own route. */
const TopologyPage = lazy(() => import('../topology/TopologyPage.tsx').then((m) => ({ default: m.TopologyPage })));

export const networkRoutes: RouteObject[] = [
  { path: 'networks', element: <NetworksPage /> },
  {
    path: 'networks/topology',
    element: (
      <Suspense fallback={<Loader aria-label="Loading the topology map" />}>
        <TopologyPage />
      </Suspense>
    ),
  },
  { path: 'networks/:id', element: <NetworkDetailPage /> },
];
