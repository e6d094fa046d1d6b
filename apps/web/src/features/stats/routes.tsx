import type { RouteObject } from 'react-router';
import { StatsPage } from './StatsPage.tsx';

export const statsRoutes: RouteObject[] = [{ path: 'containers/:id/stats', element: <StatsPage /> }];
