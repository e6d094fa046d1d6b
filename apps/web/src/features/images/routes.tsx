import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

export const imageRoutes: RouteObject[] = [
  { path: 'images', ...lazyPage(() => import('./ImagesPage.tsx').then((m) => m.ImagesPage)) },
  { path: 'images/build', ...lazyPage(() => import('./BuildPage.tsx').then((m) => m.BuildPage)) },
  { path: 'images/:id/layers/explore', ...lazyPage(() => import('./LayerExplorerPage.tsx').then((m) => m.LayerExplorerPage)) },
  { path: 'images/:id/:tab?', ...lazyPage(() => import('./ImageDetailPage.tsx').then((m) => m.ImageDetailPage)) },
];
