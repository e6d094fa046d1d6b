import { describe, expect, it } from 'vitest';
import { matchesAudit } from './audit.ts';
import { permission } from './role.ts';

describe('permission', () => {
  it('allows a role its capabilities and names the refusal otherwise', () => {
    expect(permission('viewer', 'container.act')).toEqual({ allowed: false, reason: "Viewers can't start, stop or restart containers" });
    expect(permission('operator', 'container.act').allowed).toBe(true);
    expect(permission('operator', 'image.remove')).toEqual({ allowed: false, reason: "Operators can't remove images" });
    expect(permission('admin', 'image.remove').allowed).toBe(true);
    expect(permission('operator', 'users').allowed).toBe(false);
  });
  it('allows while the role is not known yet (the server decides)', () => {
    expect(permission(undefined, 'audit').allowed).toBe(true);
  });
});

describe('matchesAudit', () => {
  const entry = {
    id: 1,
    at: 1_000,
    user: 'op',
    tokenName: null,
    role: 'operator' as const,
    engine: 'local',
    action: 'container.restart',
    target: 'abcdef123456',
    targetName: 'web',
    result: 'ok' as const,
    status: 204,
    message: null,
    client: '127.0.0.1',
  };
  it('follows the server: exact user and action, action prefixes, target prefix or name, result, time range', () => {
    expect(matchesAudit(entry, {})).toBe(true);
    expect(matchesAudit(entry, { user: 'op', action: 'container.' })).toBe(true);
    expect(matchesAudit(entry, { action: 'container' })).toBe(false);
    expect(matchesAudit(entry, { target: 'abc' })).toBe(true);
    expect(matchesAudit(entry, { target: 'web' })).toBe(true);
    expect(matchesAudit(entry, { result: 'denied' })).toBe(false);
    expect(matchesAudit(entry, { from: '2000' })).toBe(false);
    expect(matchesAudit(entry, { to: '2000' })).toBe(true);
  });
});
