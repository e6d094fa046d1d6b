import type { AuditEntry, AuditPage, AuditQuery } from '@porthole/shared/audit';
import { queryOptions } from '@tanstack/react-query';
import { api, withQuery } from './api-client.ts';

/** The audit log (`GET /api/audit`, admin); live entries come through the `audit` topic. */
export type AuditFilters = Omit<AuditQuery, 'limit' | 'cursor' | 'format'>;

export const auditKeys = { all: ['audit'] as const, page: (f: AuditFilters) => ['audit', f] as const };

export const AUDIT_PAGE_SIZE = 200;

export const auditQuery = (filters: AuditFilters) =>
  queryOptions({
    queryKey: auditKeys.page(filters),
    queryFn: () => api<AuditPage>('/api/audit', { query: { ...filters, limit: AUDIT_PAGE_SIZE } }),
  });

export const olderAudit = (filters: AuditFilters, cursor: number) =>
  api<AuditPage>('/api/audit', { query: { ...filters, limit: AUDIT_PAGE_SIZE, cursor } });

/** The server's export of every entry the filters match (the browser downloads it). */
export const auditExportUrl = (filters: AuditFilters, format: 'csv' | 'json') => withQuery('/api/audit', { ...filters, format });

const timeOf = (t: string | undefined) => (t ? (/^\d+$/.test(t) ? Number(t) : Date.parse(t)) : Number.NaN);

/** Whether a live entry belongs in a view with these filters (the server's rules: see audit-log.ts). */
export function matchesAudit(e: AuditEntry, f: AuditFilters): boolean {
  if (f.user && e.user !== f.user) return false;
  if (f.action) {
    const prefix = f.action.replace(/\*$/, '');
    if (prefix.endsWith('.') ? !e.action.startsWith(prefix) : e.action !== f.action) return false;
  }
  if (f.target && !(e.target?.startsWith(f.target) || e.targetName === f.target)) return false;
  if (f.result && e.result !== f.result) return false;
  if (e.at < timeOf(f.from) || e.at > timeOf(f.to)) return false;
  return true;
}
