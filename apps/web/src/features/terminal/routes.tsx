import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-route.tsx';

/** xterm.js is a chunk of its own, loaded by the page when it opens a session. */
export const terminalRoutes: RouteObject[] = [
  { path: 'containers/:id/terminal', ...lazyPage(() => import('./TerminalPage.tsx').then((m) => m.TerminalPage)) },
];
