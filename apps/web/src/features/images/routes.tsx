import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { ImageDetailPage } from './ImageDetailPage.tsx';
import { ImagesPage } from './ImagesPage.tsx';

/** The layer explorer and the build page are loaded only on their routes. */
const LayerExplorerPage = lazy(() => import('./LayerExplorerPage.tsx').then((m) => ({ default: m.LayerExplorerPage })));
const BuildPage = lazy(() => import('./BuildPage.tsx').then((m) => ({ default: m.BuildPage })));

const loading = <Loader aria-label="Loading" />;

export const imageRoutes: RouteObject[] = [
  { path: 'images', element: <ImagesPage /> },
  {
    path: 'images/build',
    element: (
      <Suspense fallback={loading}>
        <BuildPage />
      </Suspense>
    ),
  },
  {
    path: 'images/:id/layers/explore',
    element: (
      <Suspense fallback={loading}>
        <LayerExplorerPage />
      </Suspense>
    ),
  },
  { path: 'images/:id/:tab?', element: <ImageDetailPage /> },
];
