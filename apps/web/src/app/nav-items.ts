import type { Capability } from '../lib/role.ts';

/** The left navigation: one entry per view (of the current engine, see `enginePath`), with the `g <key>` shortcut that opens it. */
export interface NavItem {
  to: string;
  label: string;
  key?: string;
  /** Shown only to roles that may use it. */
  can?: Capability;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Overview', key: 'o' },
  { to: '/containers', label: 'Containers', key: 'c' },
  { to: '/images', label: 'Images', key: 'i' },
  { to: '/networks', label: 'Networks', key: 'n' },
  { to: '/volumes', label: 'Volumes', key: 'v' },
  { to: '/limits', label: 'Resource limits', key: 'l' },
  { to: '/health', label: 'Health', key: 'h' },
  { to: '/events', label: 'Events', key: 'e' },
  { to: '/system', label: 'System', key: 's' },
  { to: '/engines', label: 'All engines' },
  { to: '/users', label: 'Users', can: 'users' },
  { to: '/audit', label: 'Audit log', can: 'audit' },
  { to: '/settings', label: 'Settings' },
];

/** Shown only when the current engine is a Swarm manager. */
export const SWARM_NAV_ITEMS: NavItem[] = [
  { to: '/swarm/nodes', label: 'Swarm nodes' },
  { to: '/swarm/services', label: 'Services' },
  { to: '/swarm/stacks', label: 'Stacks' },
  { to: '/swarm/secrets', label: 'Secrets' },
  { to: '/swarm/configs', label: 'Configs' },
];

/** The navigation of an engine: the Swarm views sit before System when it manages a swarm. */
export function navItems(swarmManager: boolean): NavItem[] {
  if (!swarmManager) return NAV_ITEMS;
  const at = NAV_ITEMS.findIndex((i) => i.to === '/system');
  return [...NAV_ITEMS.slice(0, at), ...SWARM_NAV_ITEMS, ...NAV_ITEMS.slice(at)];
}
