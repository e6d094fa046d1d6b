import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { eventRoutes } from '../features/events/routes.tsx';
import { fileRoutes } from '../features/files/routes.tsx';
import { logRoutes } from '../features/logs/routes.tsx';
import { imageRoutes } from '../features/images/routes.tsx';
import { containerRoutes } from '../features/containers/routes.tsx';
import { HealthPage } from '../features/health/HealthPage.tsx';
import { LimitsPage } from '../features/limits/LimitsPage.tsx';
import { OverviewPage } from '../features/overview/OverviewPage.tsx';
import { networkRoutes } from '../features/networks/routes.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { statsRoutes } from '../features/stats/routes.tsx';
import { SystemPage } from '../features/system/SystemPage.tsx';
import { terminalRoutes } from '../features/terminal/routes.tsx';
import { volumeRoutes } from '../features/volumes/routes.tsx';
import { SignedInApp } from './SignedInApp.tsx';

/**
 * Every view has a stable URL. Features add their routes here (one entry per feature route
 * list, e.g. `...containerRoutes`), replacing the NotBuiltYet entry of their view.
 */
const appRoutes: RouteObject[] = [
  { index: true, element: <OverviewPage /> },
  ...fileRoutes,
  ...terminalRoutes,
  ...statsRoutes,
  ...logRoutes,
  ...containerRoutes,
  ...imageRoutes,
  ...networkRoutes,
  ...volumeRoutes,
  { path: 'limits', element: <LimitsPage /> },
  { path: 'health', element: <HealthPage /> },
  ...eventRoutes,
  { path: 'system', element: <SystemPage /> },
  { path: 'settings', element: <SettingsPage /> },
  { path: '*', element: <Navigate to="/" replace /> },
];

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <SignedInApp />
      </RequireAuth>
    ),
    children: appRoutes,
  },
]);
