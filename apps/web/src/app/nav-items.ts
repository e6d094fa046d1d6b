/** The left navigation: one entry per view, with the `g <key>` shortcut that opens it. */
export interface NavItem {
  to: string;
  label: string;
  key?: string;
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
  { to: '/settings', label: 'Settings' },
];
