import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

/** The log views (and the RE2 matcher they search with, ~50 kB gzipped) load on their routes only. */
export const logRoutes: RouteObject[] = [
  { path: 'containers/:id/logs', ...lazyPage(() => import('./LogsPage.tsx').then((m) => m.LogsPage)) },
  { path: 'logs', ...lazyPage(() => import('./MergedLogsPage.tsx').then((m) => m.MergedLogsPage)) },
];
