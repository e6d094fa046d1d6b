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

/** Removing an engine object, named by its `Name`: `docker <noun> rm <name>`. */
const dockerRemoval = <T extends { Name: string }>(
  noun: string,
  action: (t: T) => Promise<unknown>,
  invalidates: QueryKey,
): Destruction<T> => ({
  what: `Remove ${noun}`,
  name: (t) => t.Name,
  command: (t) => `docker ${noun} rm ${t.Name}`,
  action,
  invalidates,
});

/** Deleting one of Porthole's own records (no docker command): the API call it makes. */
const apiDeletion = <T extends { id: number }>(
  what: string,
  path: string,
  name: (t: T) => string,
  remove: (id: number) => Promise<unknown>,
  invalidates: QueryKey,
): Destruction<T> => ({ what, name, command: (t) => `DELETE ${path}/${t.id}`, action: (t) => remove(t.id), invalidates });

export const networkRemoval = (engine: string) =>
  dockerRemoval<Network>('network', (n) => removeNetwork(engine, n.Id), networkKeys.all(engine));

export const volumeRemoval = (engine: string) =>
  dockerRemoval<Volume>('volume', (v) => removeVolume(engine, v.Name), volumeKeys.all(engine));

export const userDeletion = apiDeletion<UserInfo>('Delete user', '/api/users', (u) => u.username, deleteUser, userKeys.all);

export const tokenRevocation = apiDeletion<TokenInfo>('Revoke token', '/api/tokens', (t) => t.name, revokeToken, tokenKeys.all);
