import type { DoctorRequest, DoctorResult } from '@porthole/shared/networks';
import { api } from '../api-client.ts';

export const runDoctor = (engine: string, container: string, body: DoctorRequest) =>
  api<DoctorResult>(`/api/engines/${encodeURIComponent(engine)}/containers/${encodeURIComponent(container)}/doctor`, {
    method: 'POST',
    body,
  });
