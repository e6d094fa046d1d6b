import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

export const auditRoutes: RouteObject[] = [{ path: 'audit', ...lazyPage(() => import('./AuditPage.tsx').then((m) => m.AuditPage)) }];
