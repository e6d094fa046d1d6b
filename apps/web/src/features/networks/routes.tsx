import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

/** The topology map (React Flow) is loaded only on its own route. */
export const networkRoutes: RouteObject[] = [
  { path: 'networks', ...lazyPage(() => import('./NetworksPage.tsx').then((m) => m.NetworksPage)) },
  { path: 'networks/topology', ...lazyPage(() => import('../topology/TopologyPage.tsx').then((m) => m.TopologyPage)) },
  { path: 'networks/:id', ...lazyPage(() => import('./NetworkDetailPage.tsx').then((m) => m.NetworkDetailPage)) },
];
