import type { LoginBody, Me } from '@porthole/shared/auth';
import { queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/api-client.ts';

export const authKeys = { me: ['auth', 'me'] as const };

export const meQuery = () =>
  queryOptions({
    queryKey: authKeys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api<Me>('/api/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export const login = (body: LoginBody) => api<Me>('/api/auth/login', { method: 'POST', body: { ...body } });
export const logout = () => api<void>('/api/auth/logout', { method: 'POST' });
