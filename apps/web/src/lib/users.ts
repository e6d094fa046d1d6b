import type { SessionInfo, UserCreateBody, UserCreated, UserInfo, UserPatchBody } from '@porthole/shared/users';
import { queryOptions } from '@tanstack/react-query';
import { api } from './api-client.ts';

/** User administration (`/api/users`, admin) and sessions (`/api/sessions`). */
export const userKeys = {
  all: ['users'] as const,
  sessions: (userId: number) => ['users', 'sessions', userId] as const,
};

export const usersQuery = () => queryOptions({ queryKey: userKeys.all, queryFn: () => api<UserInfo[]>('/api/users') });

export const userSessionsQuery = (userId: number) =>
  queryOptions({
    queryKey: userKeys.sessions(userId),
    queryFn: () => api<SessionInfo[]>('/api/sessions', { query: { user: userId } }),
    refetchInterval: 30_000,
  });

export const createUser = (body: UserCreateBody) => api<UserCreated>('/api/users', { method: 'POST', body: { ...body } });
export const updateUser = (id: number, body: UserPatchBody) => api<UserInfo>(`/api/users/${id}`, { method: 'PATCH', body: { ...body } });
export const deleteUser = (id: number) => api<void>(`/api/users/${id}`, { method: 'DELETE' });
export const revokeSession = (id: string) => api<void>(`/api/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** A password for someone else to change: 20 characters from a 56-letter alphabet (no look-alikes). */
export function generatePassword(length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
