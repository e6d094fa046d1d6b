import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

export const swarmRoutes: RouteObject[] = [
  { path: 'swarm/nodes', ...lazyPage(() => import('./NodesPage.tsx').then((m) => m.NodesPage)) },
  { path: 'swarm/services', ...lazyPage(() => import('./ServicesPage.tsx').then((m) => m.ServicesPage)) },
  { path: 'swarm/services/:id', ...lazyPage(() => import('./ServiceDetailPage.tsx').then((m) => m.ServiceDetailPage)) },
  { path: 'swarm/stacks', ...lazyPage(() => import('./StacksPage.tsx').then((m) => m.StacksPage)) },
  { path: 'swarm/configs', ...lazyPage(() => import('./ConfigsPage.tsx').then((m) => m.ConfigsPage)) },
  { path: 'swarm/nodes/:id', ...lazyPage(() => import('./NodeDetailPage.tsx').then((m) => m.NodeDetailPage)) },
  { path: 'swarm/secrets', ...lazyPage(() => import('./SecretsPage.tsx').then((m) => m.SecretsPage)) },
];
