import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

export const eventRoutes: RouteObject[] = [{ path: 'events', ...lazyPage(() => import('./EventsPage.tsx').then((m) => m.EventsPage)) }];
