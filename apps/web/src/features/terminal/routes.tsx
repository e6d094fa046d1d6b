import type { RouteObject } from 'react-router';
import { TerminalPage } from './TerminalPage.tsx';

export const terminalRoutes: RouteObject[] = [{ path: 'containers/:id/terminal', element: <TerminalPage /> }];
