import { Navigate, type RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';
import { DETAIL_TABS } from './detail-tabs.ts';

const tabPages = () => import('./detail-tab-pages.tsx').then((m) => m.DETAIL_TAB_PAGES);

export const containerRoutes: RouteObject[] = [
  { path: 'containers', ...lazyPage(() => import('./ContainersPage.tsx').then((m) => m.ContainersPage)) },
  { path: 'containers/new', ...lazyPage(() => import('./create/CreateContainerPage.tsx').then((m) => m.CreateContainerPage)) },
  {
    path: 'containers/:id',
    ...lazyPage(() => import('./ContainerDetailPage.tsx').then((m) => m.ContainerDetailPage)),
    children: [
      { index: true, element: <Navigate to="overview" replace /> },
      ...DETAIL_TABS.map((t) => ({ path: t.path, ...lazyPage(() => tabPages().then((pages) => pages[t.path])) })),
    ],
  },
];
