import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

export const volumeRoutes: RouteObject[] = [
  { path: 'volumes', ...lazyPage(() => import('./VolumesPage.tsx').then((m) => m.VolumesPage)) },
  { path: 'volumes/:name', ...lazyPage(() => import('./VolumeDetailPage.tsx').then((m) => m.VolumeDetailPage)) },
];
