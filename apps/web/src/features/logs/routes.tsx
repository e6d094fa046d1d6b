import type { RouteObject } from 'react-router';
import { LogsPage } from './LogsPage.tsx';
import { MergedLogsPage } from './MergedLogsPage.tsx';

export const logRoutes: RouteObject[] = [
  { path: 'containers/:id/logs', element: <LogsPage /> },
  { path: 'logs', element: <MergedLogsPage /> },
];
