import type { EngineCreate, EngineInfo, EngineTestResult, EngineUpdate } from '@porthole/shared/engines';
import { queryOptions } from '@tanstack/react-query';
import { api } from './api-client.ts';

/**
 * The engine registry (`/api/engines`): the list (switcher, All engines), one engine's facts and
 * health (each card polls its own, so a broken engine never holds the others), add, change, test,
 * remove. Health is checked by the server every 2 s; cards poll at the same pace.
 */
export const engineRegistryKeys = {
  all: ['engines'] as const,
  one: (id: string) => ['engines', id] as const,
};

const HEALTH_POLL_MS = 2000;

export const enginesQuery = () =>
  queryOptions({ queryKey: engineRegistryKeys.all, queryFn: () => api<EngineInfo[]>('/api/engines'), refetchInterval: HEALTH_POLL_MS });

export const engineQuery = (id: string) =>
  queryOptions({
    queryKey: engineRegistryKeys.one(id),
    queryFn: () => api<EngineInfo>(`/api/engines/${encodeURIComponent(id)}`),
    refetchInterval: HEALTH_POLL_MS,
  });

export const createEngine = (body: EngineCreate) => api<EngineInfo>('/api/engines', { method: 'POST', body: { ...body } });
export const updateEngine = (id: string, body: EngineUpdate) =>
  api<EngineInfo>(`/api/engines/${encodeURIComponent(id)}`, { method: 'PATCH', body: { ...body } });
export const removeEngine = (id: string) => api<void>(`/api/engines/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const testEngine = (id: string) => api<EngineTestResult>(`/api/engines/${encodeURIComponent(id)}/test`, { method: 'POST' });
