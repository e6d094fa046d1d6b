import type { LoginBody, MeResponse } from '@porthole/shared/auth';
import { queryOptions } from '@tanstack/react-query';
import { ApiError, api } from './api-client.ts';

export const authKeys = { me: ['auth', 'me'] as const };

export const meQuery = () =>
  queryOptions({
    queryKey: authKeys.me,
    queryFn: async (): Promise<MeResponse | null> => {
      try {
        return await api<MeResponse>('/api/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    // A 401 is an answer (null: signed out); a request the network cut is asked again (the client's
    // default retries) rather than taken for a sign-out.
  });

export const login = (body: LoginBody) => api<MeResponse>('/api/auth/login', { method: 'POST', body: { ...body }, repeatable: true });
export const logout = (everywhere = false) =>
  api<void>('/api/auth/logout', { method: 'POST', query: everywhere ? { everywhere: true } : undefined });
export const changePassword = (currentPassword: string, newPassword: string) =>
  api<void>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
