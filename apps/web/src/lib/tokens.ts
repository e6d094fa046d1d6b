import type { Role, TokenCreated, TokenInfo } from '@porthole/shared/auth';
import { queryOptions } from '@tanstack/react-query';
import { api } from './api-client.ts';

export const tokenKeys = { all: ['tokens'] as const, everyone: ['tokens', 'all'] as const };

export const tokensQuery = () => queryOptions({ queryKey: tokenKeys.all, queryFn: () => api<TokenInfo[]>('/api/tokens') });
/** Everyone's tokens (admin). */
export const allTokensQuery = () =>
  queryOptions({ queryKey: tokenKeys.everyone, queryFn: () => api<TokenInfo[]>('/api/tokens', { query: { all: true } }) });
/** A token acting as its owner, or limited to `role` (e.g. a read-only `viewer` token). */
export const createToken = ({ name, role }: { name: string; role?: Role }) =>
  api<TokenCreated>('/api/tokens', { method: 'POST', body: role ? { name, role } : { name } });
export const revokeToken = (id: number) => api<void>(`/api/tokens/${id}`, { method: 'DELETE' });
