import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

/** The topology map (React Flow) is loaded only on its own route. */
export const topologyRoutes: RouteObject[] = [
  { path: 'networks/topology', ...lazyPage(() => import('./TopologyPage.tsx').then((m) => m.TopologyPage)) },
];
