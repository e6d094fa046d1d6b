/**
 * The audit log (`GET /api/audit`, admin; live topic `audit`): one entry per state-changing call
 * and per denied attempt. Never a secret: no bodies, env values, passwords or tokens.
 * Plain types only; the server's schemas are in `schemas/audit.ts`.
 */
import type { Role } from './auth.ts';

export const AUDIT_RESULTS = ['ok', 'denied', 'error'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditEntry {
  id: number;
  /** ms since the epoch. */
  at: number;
  user: string | null;
  /** The API token's name, when the call was made with one. */
  tokenName: string | null;
  role: Role | null;
  engine: string | null;
  /** `container.restart`, `user.create`, `auth.login`… */
  action: string;
  /** The object's id (or name, as the caller wrote it). */
  target: string | null;
  /** Its name, where it was known without asking the engine. */
  targetName: string | null;
  result: AuditResult;
  status: number;
  /** The error or denial message. */
  message: string | null;
  /** The client's address. */
  client: string | null;
}

/** `GET /api/audit` filters; `format=csv|json` downloads them all (up to the limit). */
export interface AuditQuery {
  user?: string;
  action?: string;
  target?: string;
  result?: AuditResult;
  /** ISO time or ms since the epoch. */
  from?: string;
  to?: string;
  limit?: number;
  /** The `nextCursor` of the previous page (entries older than it). */
  cursor?: number;
  format?: 'csv' | 'json';
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: number | null;
}
