import type { RouteObject } from 'react-router';
import { VolumeDetailPage } from './VolumeDetailPage.tsx';
import { VolumesPage } from './VolumesPage.tsx';

export const volumeRoutes: RouteObject[] = [
  { path: 'volumes', element: <VolumesPage /> },
  { path: 'volumes/:name', element: <VolumeDetailPage /> },
];
