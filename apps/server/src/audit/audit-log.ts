import type { AuditEntry, AuditPage, AuditQuery } from '@porthole/shared/audit';
import { ApiError } from '../http/api-error.ts';
import type { Db } from '../plugins/db.ts';

/** An entry before it is written: everything but its id. */
export type AuditRecord = Omit<AuditEntry, 'id'>;

export interface AuditOptions {
  /** Entries older than this many days are pruned. */
  retentionDays: number;
  /** False: nothing is recorded (for measuring what auditing costs). */
  enabled: boolean;
  /** Written at least this often… */
  flushMs?: number;
  /** …and at once when this many wait. */
  batch?: number;
}

const PRUNE_EVERY_MS = 3600_000;
/** Entries waiting beyond this (a store that cannot keep up) are counted as dropped, not held. */
const MAX_QUEUED = 50_000;

const COLUMNS =
  'id, at, username AS user, token_name AS tokenName, role, engine, action, target, target_name AS targetName, result, status, message, client';

/**
 * The audit log: entries are queued and written in one transaction every `flushMs` (or `batch`
 * entries), so a proxied call never waits on the store; admins' live subscribers get each entry
 * once it is written. Old entries are pruned after `retentionDays`.
 */
export class AuditLog {
  private queue: AuditRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly pruner: NodeJS.Timeout;
  private readonly listeners = new Set<(e: AuditEntry) => void>();
  private readonly insert;
  private readonly flushMs: number;
  private readonly batch: number;
  dropped = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: AuditOptions,
  ) {
    this.flushMs = opts.flushMs ?? 100;
    this.batch = opts.batch ?? 200;
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, user_id, username, token_name, role, engine, action, target, target_name, result, status, message, client)
       VALUES (@at, NULL, @user, @tokenName, @role, @engine, @action, @target, @targetName, @result, @status, @message, @client)`,
    );
    this.prune();
    this.pruner = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.pruner.unref();
  }

  get enabled(): boolean {
    return this.opts.enabled;
  }

  record(entry: AuditRecord): void {
    if (!this.opts.enabled) return;
    if (this.queue.length >= MAX_QUEUED) {
      this.dropped++;
      return;
    }
    this.queue.push(entry);
    if (this.queue.length >= this.batch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Writes what waits (one transaction) and tells live subscribers. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.queue;
    if (!rows.length) return;
    this.queue = [];
    const written = this.db.transaction(() =>
      rows.map((r) => ({ ...r, id: Number(this.insert.run({ ...r, message: r.message?.slice(0, 500) ?? null }).lastInsertRowid) })),
    )();
    for (const e of written) for (const l of this.listeners) l(e);
  }

  /** Calls `listener` with every entry written from now on; returns the unsubscribe. */
  subscribe(listener: (e: AuditEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  query(q: AuditQuery): AuditPage {
    this.flush();
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.user) where.push('username = ?') && args.push(q.user);
    if (q.action) {
      // `container.` or `container.*`: every container action.
      const prefix = q.action.replace(/\*$/, '');
      if (prefix.endsWith('.')) where.push("action LIKE ? ESCAPE '\\'") && args.push(`${likeEscape(prefix)}%`);
      else where.push('action = ?') && args.push(q.action);
    }
    if (q.target) where.push("(target LIKE ? ESCAPE '\\' OR target_name = ?)") && args.push(`${likeEscape(q.target)}%`, q.target);
    if (q.result) where.push('result = ?') && args.push(q.result);
    if (q.from) where.push('at >= ?') && args.push(timeOf(q.from, 'from'));
    if (q.to) where.push('at <= ?') && args.push(timeOf(q.to, 'to'));
    if (q.cursor) where.push('id < ?') && args.push(q.cursor);
    const limit = q.limit ?? 100;
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`)
      .all(...args, limit + 1) as AuditEntry[];
    const more = rows.length > limit;
    const entries = more ? rows.slice(0, limit) : rows;
    return { entries, nextCursor: more ? (entries[entries.length - 1]?.id ?? null) : null };
  }

  /** Deletes entries older than the retention; returns how many. */
  prune(now = Date.now()): number {
    return this.db.prepare('DELETE FROM audit_log WHERE at < ?').run(now - this.opts.retentionDays * 86_400_000).changes;
  }

  close(): void {
    clearInterval(this.pruner);
    this.flush();
    this.listeners.clear();
  }
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** ms since the epoch from ISO 8601 or a number of ms (the schema allows only these shapes); 400 for a date that is none. */
export function timeOf(s: string, name: string): number {
  const t = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (Number.isNaN(t)) throw new ApiError(400, `Invalid request: ${name} "${s}" is not a time (ISO 8601 or ms since 1970)`);
  return t;
}
