import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

export const userRoutes: RouteObject[] = [{ path: 'users', ...lazyPage(() => import('./UsersPage.tsx').then((m) => m.UsersPage)) }];
