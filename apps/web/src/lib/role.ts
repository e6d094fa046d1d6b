import type { Role } from '@porthole/shared/auth';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from './auth.ts';

/**
 * What the signed-in role may do in the UI. The server's policy table is the only enforcement; this
 * only hides or disables what would be refused, with the reason ("Viewers can't stop containers").
 * Each capability: the least role and the words of the refusal (mirrors apps/server/src/policy).
 */
const CAPABILITIES = {
  'container.act': ['operator', 'start, stop or restart containers'],
  'container.create': ['operator', 'create containers'],
  'container.remove': ['operator', 'remove containers'],
  'container.update': ['operator', 'change container limits'],
  'container.terminal': ['operator', 'open terminals in containers'],
  'container.files': ['operator', 'browse or copy container files'],
  'container.doctor': ['operator', 'run network checks inside containers'],
  'container.top-options': ['operator', 'choose ps options (they can show environment values)'],
  'logs.download': ['operator', 'download logs'],
  'image.pull': ['operator', 'pull images'],
  'image.tag': ['admin', 'tag images'],
  'image.remove': ['admin', 'remove images'],
  'image.build': ['admin', 'build images'],
  'image.push': ['admin', 'push images'],
  'image.prune': ['admin', 'prune images'],
  'image.save': ['admin', 'save images'],
  'image.load': ['admin', 'load images'],
  'network.create': ['operator', 'create networks'],
  'network.connect': ['admin', 'connect containers to networks'],
  'network.remove': ['admin', 'remove networks'],
  'network.prune': ['admin', 'prune networks'],
  'volume.create': ['operator', 'create volumes'],
  'volume.files': ['operator', 'browse volume files'],
  'volume.remove': ['admin', 'remove volumes'],
  'volume.prune': ['admin', 'prune volumes'],
  'config.content': ['operator', 'read config contents'],
  'config.manage': ['admin', 'create or remove configs'],
  'swarm.secret': ['admin', 'create or remove secrets'],
  'swarm.service': ['admin', 'create, change or remove services'],
  'swarm.node': ['admin', 'change swarm nodes'],
  'swarm.stack': ['admin', 'deploy or remove stacks'],
  'engine.manage': ['admin', 'add, change, test or remove engines'],
  users: ['admin', 'manage users'],
  audit: ['admin', 'read the audit log'],
} as const satisfies Record<string, readonly [Role, string]>;

export type Capability = keyof typeof CAPABILITIES;

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const PLURAL: Record<Role, string> = { viewer: 'Viewers', operator: 'Operators', admin: 'Admins' };

export interface Permission {
  allowed: boolean;
  /** Why not, for a tooltip: "Viewers can't stop containers". */
  reason?: string;
}

/** Whether a role may use a capability (undefined role: not known yet, allowed until it is). */
export function permission(role: Role | undefined, capability: Capability): Permission {
  const [least, verb] = CAPABILITIES[capability];
  if (!role || RANK[role] >= RANK[least]) return { allowed: true };
  return { allowed: false, reason: `${PLURAL[role]} can't ${verb}` };
}

/** The signed-in user's role (from `GET /api/auth/me`). */
export function useRole(): Role | undefined {
  return useQuery(meQuery()).data?.role;
}

/** `const stop = useCan('container.act')` → `<Button disabled={!stop.allowed} title={stop.reason}>`. */
export function useCan(capability: Capability): Permission {
  return permission(useRole(), capability);
}

/** Several permissions at once, named by the caller: `const can = useCans({ tag: 'image.tag', push: 'image.push' })` → `can.tag`. */
export function useCans<K extends string>(capabilities: Record<K, Capability>): Record<K, Permission> {
  const role = useRole();
  const entries = Object.entries<Capability>(capabilities).map(([name, capability]) => [name, permission(role, capability)]);
  return Object.fromEntries(entries) as Record<K, Permission>;
}

/** Button props for a permission: `<Button {...gated(can)}>` (disabled with the reason as its tooltip). */
export const gated = (p: Permission, disabled = false) => ({ disabled: disabled || !p.allowed, title: p.reason });
