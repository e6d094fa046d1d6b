import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';

/** The log views (and the RE2 matcher they search with, ~50 kB gzipped) load on their routes only. */
const LogsPage = lazy(() => import('./LogsPage.tsx').then((m) => ({ default: m.LogsPage })));
const MergedLogsPage = lazy(() => import('./MergedLogsPage.tsx').then((m) => ({ default: m.MergedLogsPage })));

const loading = <Loader aria-label="Loading the log view" />;

export const logRoutes: RouteObject[] = [
  {
    path: 'containers/:id/logs',
    element: (
      <Suspense fallback={loading}>
        <LogsPage />
      </Suspense>
    ),
  },
  {
    path: 'logs',
    element: (
      <Suspense fallback={loading}>
        <MergedLogsPage />
      </Suspense>
    ),
  },
];
