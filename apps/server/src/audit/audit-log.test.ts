import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../plugins/db.ts';
import { auditCsv } from './audit-export.ts';
import { AuditLog, type AuditRecord } from './audit-log.ts';

const entry = (over: Partial<AuditRecord> = {}): AuditRecord => ({
  at: Date.now(),
  user: 'alice',
  tokenName: null,
  role: 'operator',
  engine: 'local',
  action: 'container.restart',
  target: 'abc',
  targetName: 'web',
  result: 'ok',
  status: 204,
  message: null,
  client: '127.0.0.1',
  ...over,
});

describe('AuditLog', () => {
  const dirs: string[] = [];
  const open = (opts: Partial<ConstructorParameters<typeof AuditLog>[1]> = {}) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-audit-'));
    dirs.push(dir);
    const db = openDb(dir);
    return { db, log: new AuditLog(db, { retentionDays: 90, enabled: true, flushMs: 60_000, batch: 3, ...opts }) };
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('writes in batches (nothing before the batch fills or the timer runs) and tells live listeners', () => {
    const { db, log } = open();
    const seen: number[] = [];
    log.subscribe((e) => seen.push(e.id));
    log.record(entry());
    log.record(entry());
    expect((db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n).toBe(0);
    log.record(entry());
    expect((db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
    log.close();
  });

  it('filters by user, action prefix, target or its name, result and time; pages with a cursor', () => {
    const { log } = open();
    log.record(entry({ at: 1000 }));
    log.record(entry({ at: 2000, user: 'bob', action: 'container.create', result: 'denied', status: 403, message: 'no' }));
    log.record(entry({ at: 3000, action: 'image.pull', target: 'busybox', targetName: 'busybox' }));
    log.record(entry({ at: 4000, action: 'user.update', target: '7', targetName: 'carol' }));
    expect(log.query({ user: 'bob' }).entries.map((e) => e.at)).toEqual([2000]);
    expect(log.query({ action: 'container.' }).entries.map((e) => e.at)).toEqual([2000, 1000]);
    expect(log.query({ action: 'container.*' }).entries).toHaveLength(2);
    expect(log.query({ action: 'image.pull' }).entries).toHaveLength(1);
    expect(log.query({ target: 'carol' }).entries.map((e) => e.action)).toEqual(['user.update']);
    expect(log.query({ result: 'denied' }).entries[0]).toMatchObject({ user: 'bob', status: 403, message: 'no' });
    expect(log.query({ from: '2000', to: '1970-01-01T00:00:03.000Z' }).entries.map((e) => e.at)).toEqual([3000, 2000]);
    expect(() => log.query({ from: '2026-13-45' })).toThrow(/from "2026-13-45" is not a time/);
    const first = log.query({ limit: 3 });
    expect(first.entries.map((e) => e.at)).toEqual([4000, 3000, 2000]);
    const next = log.query({ limit: 3, cursor: first.nextCursor as number });
    expect(next).toMatchObject({ entries: [{ at: 1000 }], nextCursor: null });
    log.close();
  });

  it('prunes entries older than the retention, and records nothing when disabled', () => {
    const { log } = open({ retentionDays: 1 });
    log.record(entry({ at: Date.now() - 2 * 86_400_000 }));
    log.record(entry());
    log.flush();
    expect(log.prune()).toBe(1);
    expect(log.query({}).entries).toHaveLength(1);
    log.close();
    const off = open({ enabled: false }).log;
    off.record(entry());
    off.flush();
    expect(off.query({}).entries).toEqual([]);
    off.close();
  });

  it('exports CSV that a spreadsheet opens as text (quotes, newlines, formulas defused)', () => {
    const csv = auditCsv([{ id: 1, ...entry({ at: 0, message: 'a "b", c\nd', targetName: '=cmd|calc' }) }]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('id,at,user,tokenName,role,engine,action,target,targetName,result,status,message,client');
    expect(row).toBe(`1,1970-01-01T00:00:00.000Z,alice,,operator,local,container.restart,abc,'=cmd|calc,ok,204,"a ""b"", c\nd",127.0.0.1`);
  });
});
