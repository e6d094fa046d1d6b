import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

export const networkRoutes: RouteObject[] = [
  { path: 'networks', ...lazyPage(() => import('./NetworksPage.tsx').then((m) => m.NetworksPage)) },
  { path: 'networks/:id', ...lazyPage(() => import('./NetworkDetailPage.tsx').then((m) => m.NetworkDetailPage)) },
];
