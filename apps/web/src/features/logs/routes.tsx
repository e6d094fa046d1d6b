import type { RouteObject } from 'react-router';
import { LogsPage } from './LogsPage.tsx';

export const logRoutes: RouteObject[] = [{ path: 'containers/:id/logs', element: <LogsPage /> }];
