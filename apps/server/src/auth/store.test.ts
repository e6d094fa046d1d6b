import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Db, openDb } from '../plugins/db.ts';
import { AuthStore } from './store.ts';

describe('the store: statements prepared once, token use written at most once a minute', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-store-'));
    db = openDb(dir);
  });
  afterEach(() => {
    vi.useRealTimers();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same prepared statement for the same SQL, a new one for other SQL', () => {
    const a = db.prepare('SELECT COUNT(*) AS n FROM users');
    expect(db.prepare('SELECT COUNT(*) AS n FROM users')).toBe(a);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions')).not.toBe(a);
    // A cached statement still answers with what is in the store now.
    expect((a.get() as { n: number }).n).toBe(0);
    db.prepare("INSERT INTO users (username, password_hash, role) VALUES ('u', 'x', 'viewer')").run();
    expect((db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(1);
  });

  it('answers every use of a token, and writes its last use once a minute, not on every call', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T10:00:00Z'));
    const store = new AuthStore(db);
    const user = await store.createUser('ops', 'a-long-enough-password', 'operator');
    const { id, token } = store.createToken(user.id, 'ci');
    const lastUsed = () => (db.prepare('SELECT last_used_at AS t FROM api_tokens WHERE id = ?').get(id) as { t: string | null }).t;
    expect(lastUsed()).toBeNull();
    expect(store.identityForToken(token)?.user).toMatchObject({ username: 'ops', role: 'operator' });
    expect(lastUsed()).not.toBeNull();
    db.prepare('UPDATE api_tokens SET last_used_at = NULL WHERE id = ?').run(id);
    for (let i = 0; i < 50; i++) expect(store.identityForToken(token)?.credential).toMatchObject({ kind: 'token', id });
    expect(lastUsed()).toBeNull();
    vi.setSystemTime(new Date('2026-12-03T10:01:01Z'));
    expect(store.identityForToken(token)).not.toBeNull();
    expect(lastUsed()).not.toBeNull();
    // A deleted token is refused at once (no cache of identities, only of when a use was written).
    expect(store.deleteToken(user.id, id)).toBe(true);
    expect(store.identityForToken(token)).toBeNull();
  });
});
