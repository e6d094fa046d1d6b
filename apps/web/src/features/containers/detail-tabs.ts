/**
 * The container detail tabs, each at `/containers/:id/<path>` (their pages are in
 * `detail-tab-pages.tsx`, a chunk loaded with the detail view). Another feature adds its tab here
 * and there (one entry each; the page reads the container with `useContainerDetail()` from
 * detail-context.ts): Networks (networks). The live views with their own route are in STREAM_TABS.
 */
export const DETAIL_TABS = [
  { path: 'overview', label: 'Overview' },
  { path: 'inspect', label: 'Inspect' },
  { path: 'processes', label: 'Processes' },
  { path: 'changes', label: 'Changes' },
  { path: 'run-command', label: 'Run command' },
  { path: 'networks', label: 'Networks' },
] as const;

export type DetailTabPath = (typeof DETAIL_TABS)[number]['path'];

/**
 * The live views of a container, each a route of its own (`/containers/:id/logs|stats|terminal|
 * files`, in their features), shown in the same tab bar after the detail tabs.
 */
export const STREAM_TABS = [
  { path: 'logs', label: 'Logs' },
  { path: 'stats', label: 'Stats' },
  { path: 'terminal', label: 'Terminal' },
  { path: 'files', label: 'Files' },
] as const;
