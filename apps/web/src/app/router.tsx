import { matchRoutes, Navigate, type RouteObject, useLocation, useRoutes } from 'react-router';
import { EngineScope, ToLastEngine } from './EngineScope.tsx';
import { RouteErrorBoundary } from '../components/RouteErrorBoundary.tsx';
import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { auditRoutes } from '../features/audit/routes.tsx';
import { containerRoutes } from '../features/containers/routes.tsx';
import { eventRoutes } from '../features/events/routes.tsx';
import { fileRoutes } from '../features/files/routes.tsx';
import { imageRoutes } from '../features/images/routes.tsx';
import { logRoutes } from '../features/logs/routes.tsx';
import { networkRoutes } from '../features/networks/routes.tsx';
import { statsRoutes } from '../features/stats/routes.tsx';
import { swarmRoutes } from '../features/swarm/routes.tsx';
import { terminalRoutes } from '../features/terminal/routes.tsx';
import { topologyRoutes } from '../features/topology/routes.tsx';
import { userRoutes } from '../features/users/routes.tsx';
import { volumeRoutes } from '../features/volumes/routes.tsx';
import { type LazyRouteHandle, lazyPage } from '../lib/lazy-route.tsx';
import { SignedInApp } from './SignedInApp.tsx';

/**
 * Every view has a stable URL. Features add their routes here (one entry per feature route
 * list, e.g. `...containerRoutes`). Every page is a chunk of its own (`lazyPage`): the first load
 * fetches the shell and the one view it opens.
 */
const appRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import('../features/overview/OverviewPage.tsx').then((m) => m.OverviewPage)) },
  ...fileRoutes,
  ...terminalRoutes,
  ...statsRoutes,
  ...logRoutes,
  ...containerRoutes,
  ...imageRoutes,
  ...networkRoutes,
  ...topologyRoutes,
  ...volumeRoutes,
  ...swarmRoutes,
  { path: 'limits', ...lazyPage(() => import('../features/limits/LimitsPage.tsx').then((m) => m.LimitsPage)) },
  { path: 'health', ...lazyPage(() => import('../features/health/HealthPage.tsx').then((m) => m.HealthPage)) },
  ...eventRoutes,
  { path: 'system', ...lazyPage(() => import('../features/system/SystemPage.tsx').then((m) => m.SystemPage)) },
  { path: '*', element: <Navigate to="/" replace /> },
];

const routes: RouteObject[] = [
  { path: '/login', ...lazyPage(() => import('../features/auth/LoginPage.tsx').then((m) => m.LoginPage)) },
  {
    path: '/',
    element: (
      <RequireAuth>
        <SignedInApp />
      </RequireAuth>
    ),
    children: [
      // Every view is per engine; `/`, `/containers`… (old links, bookmarks) go to the last engine used.
      { index: true, element: <ToLastEngine /> },
      { path: 'engines', ...lazyPage(() => import('../features/engines/EnginesPage.tsx').then((m) => m.EnginesPage)) },
      { path: 'engines/:engine', element: <EngineScope />, children: appRoutes },
      { path: 'settings', ...lazyPage(() => import('../features/settings/SettingsPage.tsx').then((m) => m.SettingsPage)) },
      ...userRoutes,
      ...auditRoutes,
      { path: '*', element: <ToLastEngine /> },
    ],
  },
];

/**
 * Fetches the chunks of the views the page opens with now, alongside the session check, instead of
 * after it (the views render only once the user is known).
 */
export function preloadRoutes(location: string): void {
  for (const match of matchRoutes(routes, location) ?? []) {
    // A failure shows when the view renders (RouteErrorBoundary).
    (match.route.handle as LazyRouteHandle | undefined)?.preload().catch(() => undefined);
  }
}

export function AppRoutes() {
  const location = useLocation();
  const element = useRoutes(routes);
  return <RouteErrorBoundary resetKey={location.pathname}>{element}</RouteErrorBoundary>;
}
