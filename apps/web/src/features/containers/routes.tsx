import { Navigate, type RouteObject } from 'react-router';
import { ContainerDetailPage } from './ContainerDetailPage.tsx';
import { ContainersPage } from './ContainersPage.tsx';
import { CreateContainerPage } from './create/CreateContainerPage.tsx';
import { DETAIL_TABS } from './detail-tabs.tsx';

export const containerRoutes: RouteObject[] = [
  { path: 'containers', element: <ContainersPage /> },
  { path: 'containers/new', element: <CreateContainerPage /> },
  {
    path: 'containers/:id',
    element: <ContainerDetailPage />,
    children: [
      { index: true, element: <Navigate to="overview" replace /> },
      ...DETAIL_TABS.map((t) => ({ path: t.path, element: t.element })),
    ],
  },
];
