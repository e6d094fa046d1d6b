import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

/** uPlot is a chunk of its own, loaded with the chart inside the page. */
export const statsRoutes: RouteObject[] = [
  { path: 'containers/:id/stats', ...lazyPage(() => import('./StatsPage.tsx').then((m) => m.StatsPage)) },
];
