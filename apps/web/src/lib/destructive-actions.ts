import type { TokenInfo } from '@porthole/shared/auth';
import type { UserInfo } from '@porthole/shared/users';
import type { QueryKey } from '@tanstack/react-query';
import { type Network, networkKeys, removeNetwork } from './docker/networks.ts';
import { removeVolume, type Volume, volumeKeys } from './docker/volumes.ts';
import { revokeToken, tokenKeys } from './tokens.ts';
import { deleteUser, userKeys } from './users.ts';

/**
 * How a destructive action names itself in its confirm dialog — "Remove network web?" and the
 * button "Remove web" (`what` is verb + noun, its first word the verb) —, the command it stands for
 * and the call that does it. One home for each so a list row and a detail page confirm alike.
 */
export interface Destruction<T> {
  what: string;
  name: (target: T) => string;
  command: (target: T) => string;
  action: (target: T) => Promise<unknown>;
  /** What becomes stale once it is done. */
  invalidates: QueryKey;
}

export const networkRemoval = (engine: string): Destruction<Network> => ({
  what: 'Remove network',
  name: (n) => n.Name,
  command: (n) => `docker network rm ${n.Name}`,
  action: (n) => removeNetwork(engine, n.Id),
  invalidates: networkKeys.all(engine),
});

export const volumeRemoval = (engine: string): Destruction<Volume> => ({
  what: 'Remove volume',
  name: (v) => v.Name,
  command: (v) => `docker volume rm ${v.Name}`,
  action: (v) => removeVolume(engine, v.Name),
  invalidates: volumeKeys.all(engine),
});

export const userDeletion: Destruction<UserInfo> = {
  what: 'Delete user',
  name: (u) => u.username,
  command: (u) => `DELETE /api/users/${u.id}`,
  action: (u) => deleteUser(u.id),
  invalidates: userKeys.all,
};

export const tokenRevocation: Destruction<TokenInfo> = {
  what: 'Revoke token',
  name: (t) => t.name,
  command: (t) => `DELETE /api/tokens/${t.id}`,
  action: (t) => revokeToken(t.id),
  invalidates: tokenKeys.all,
};
