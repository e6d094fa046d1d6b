import type { AuditResult } from '@porthole/shared/audit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AuditLog, type AuditOptions, type AuditRecord } from '../audit/audit-log.ts';
import type { Identity } from '../auth/store.ts';
import type { Db } from './db.ts';

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditLog;
  }
  interface FastifyRequest {
    /** What a handler knows about the call's object beyond its params (a user's name). */
    auditTarget: { target?: string; targetName?: string } | null;
    /** The error message sent (read from the payload of an error answer). */
    auditMessage: string | null;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A container or image id (a name is anything else). */
const HEX_ID = /^[0-9a-f]{12,64}$/;

export function resultOf(status: number): AuditResult {
  return status === 403 ? 'denied' : status < 400 ? 'ok' : 'error';
}

type AuditBase = Pick<AuditRecord, 'at' | 'user' | 'tokenName' | 'role' | 'engine' | 'client'>;

/** What every entry has: who, with which token and role, from where, on which engine. */
export function auditBaseOf(identity: Partial<Identity>, client: string | undefined, engine: string | undefined): AuditBase {
  return {
    at: Date.now(),
    user: identity.user?.username ?? null,
    tokenName: identity.credential?.kind === 'token' ? identity.credential.name : null,
    role: identity.user?.role ?? null,
    engine: engine ?? null,
    client: client ?? null,
  };
}

export function auditBase(req: FastifyRequest): AuditBase {
  const params = req.params as Record<string, string> | undefined;
  return auditBaseOf({ user: req.user ?? undefined, credential: req.credential ?? undefined }, req.ip, params?.engine);
}

/** The object of a call, and its name when the caller named it (never looked up: no call waits on it). */
export function auditTargetOf(target: string | undefined): Pick<AuditRecord, 'target' | 'targetName'> {
  if (!target) return { target: null, targetName: null };
  return { target: target.slice(0, 300), targetName: HEX_ID.test(target) ? null : target.slice(0, 300) };
}

/**
 * The audit log (`audit/audit-log.ts`) and what records Porthole's own routes: every call that
 * is not a read, the reads the policy table marks (downloads, terminals), and every denial of a
 * signed-in user — with the action from the policy table. The Engine API proxy records its own
 * calls (it classifies each one). No body, query value or header is written: only names.
 */
export default fp<{ db: Db; audit: AuditOptions }>(
  async (app: FastifyInstance, opts) => {
    const audit = new AuditLog(opts.db, opts.audit);
    app.decorate('audit', audit);
    app.addHook('onClose', async () => audit.close());
    app.decorateRequest('auditTarget', null);
    app.decorateRequest('auditMessage', null);

    app.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode >= 400 && typeof payload === 'string' && payload.length < 2000) {
        try {
          req.auditMessage = String((JSON.parse(payload) as { message?: unknown }).message ?? '') || null;
        } catch {
          // not a JSON error body
        }
      }
      return payload;
    });

    app.addHook('onResponse', async (req, reply) => {
      const policy = req.routeOptions.config?.policy;
      if (!policy || policy.perCall || !audit.enabled) return;
      const status = reply.statusCode;
      const isLogin = policy.action === 'auth.login';
      // Calls nobody signed in for are not recorded (anyone could fill the log), sign-ins are.
      if (!req.user && !isLogin) return;
      if (READ_METHODS.has(req.method) && !policy.audit && status !== 403) return;
      const params = req.params as Record<string, string> | undefined;
      const target = auditTargetOf(req.auditTarget?.target ?? params?.id ?? params?.name);
      audit.record({
        ...auditBase(req),
        ...(isLogin && !req.user
          ? { user: String((req.body as { username?: unknown } | undefined)?.username ?? '').slice(0, 64) || null }
          : {}),
        action: policy.action,
        ...target,
        ...(req.auditTarget?.targetName ? { targetName: req.auditTarget.targetName } : {}),
        result: resultOf(status),
        status,
        message: status >= 400 ? req.auditMessage : null,
      });
    });
  },
  { name: 'audit' },
);
