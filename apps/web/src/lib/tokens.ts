import type { TokenCreated, TokenInfo } from '@porthole/shared/auth';
import { queryOptions } from '@tanstack/react-query';
import { api } from './api-client.ts';

export const tokenKeys = { all: ['tokens'] as const };

export const tokensQuery = () => queryOptions({ queryKey: tokenKeys.all, queryFn: () => api<TokenInfo[]>('/api/tokens') });
export const createToken = (name: string) => api<TokenCreated>('/api/tokens', { method: 'POST', body: { name } });
export const revokeToken = (id: number) => api<void>(`/api/tokens/${id}`, { method: 'DELETE' });
