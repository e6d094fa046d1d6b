import type { RouteObject } from 'react-router';
import { FilesPage } from './FilesPage.tsx';

export const fileRoutes: RouteObject[] = [{ path: 'containers/:id/files', element: <FilesPage /> }];
