import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

export const fileRoutes: RouteObject[] = [
  { path: 'containers/:id/files', ...lazyPage(() => import('./FilesPage.tsx').then((m) => m.FilesPage)) },
];
