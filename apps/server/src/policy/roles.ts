import type { Role } from '@porthole/shared/auth';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** True when `role` may do what needs `required`. */
export function roleAllows(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** The lesser of two roles (a token carries at most its owner's role). */
export function lesserRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

/** A denial the docker CLI prints on one line: who may not do what. */
export function denialMessage(role: Role, what: string): string {
  return `403 Forbidden: ${role === 'viewer' ? 'a' : 'an'} ${role} may not ${what}`;
}
