import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const MIGRATIONS = [
  `CREATE TABLE users (
     id INTEGER PRIMARY KEY,
     username TEXT NOT NULL UNIQUE,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('admin','operator','viewer')),
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
   );
   CREATE TABLE sessions (
     id_hash TEXT PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE api_tokens (
     id INTEGER PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     last_used_at TEXT
   );`,
  // Sessions expire when idle too; where they were signed in from; the generated first password.
  `ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE sessions ADD COLUMN ip TEXT;
   ALTER TABLE sessions ADD COLUMN user_agent TEXT;
   UPDATE sessions SET last_seen_at = CAST(strftime('%s','now') AS INTEGER) * 1000;
   CREATE INDEX sessions_user ON sessions(user_id);
   ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;`,
  // Teams: disabled users, tokens limited to a role, and the audit log (never a secret in it).
  `ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE api_tokens ADD COLUMN role TEXT CHECK (role IS NULL OR role IN ('admin','operator','viewer'));
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     user_id INTEGER,
     username TEXT,
     token_name TEXT,
     role TEXT,
     engine TEXT,
     action TEXT NOT NULL,
     target TEXT,
     target_name TEXT,
     result TEXT NOT NULL CHECK (result IN ('ok','denied','error')),
     status INTEGER NOT NULL,
     message TEXT,
     client TEXT
   );
   CREATE INDEX audit_at ON audit_log(at);
   CREATE INDEX audit_user ON audit_log(username, at);
   CREATE INDEX audit_action ON audit_log(action, at);`,
  // Engines (issue 15): keys sealed by engines/secret-box.ts (AES-256-GCM), never stored plain.
  `CREATE TABLE engines (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     colour TEXT NOT NULL,
     host TEXT NOT NULL,
     tls INTEGER NOT NULL DEFAULT 0,
     tls_ca TEXT,
     tls_cert TEXT,
     tls_key_sealed TEXT,
     tls_verify INTEGER NOT NULL DEFAULT 1,
     ssh_key_sealed TEXT,
     ssh_known_hosts TEXT,
     allow_insecure_tcp INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
   );`,
];

/** The store holds password hashes and session ids: only the server's user may read it. */
const FILE_MODE = 0o600;

/** Opens (and migrates) the embedded store `porthole.db` in the data directory. */
export function openDb(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'porthole.db');
  // Created 0600 before SQLite opens it: its -wal and -shm files take the same mode. Stores made
  // by earlier versions (0644) are tightened.
  fs.closeSync(fs.openSync(file, 'a', FILE_MODE));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, FILE_MODE);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return withStatementCache(db);
}

/** Beyond this many distinct SQL texts, statements are prepared each time (dynamic WHERE clauses). */
const MAX_CACHED_STATEMENTS = 256;

/**
 * `db.prepare(sql)` returns the statement prepared for that text before: SQLite compiles it once,
 * not on every request (signing a call in prepared two statements each time: 13 % of the proxy's
 * CPU per `docker inspect`). Safe for how Porthole uses statements: run/get/all, never iterate
 * (a statement is busy while iterated) nor pluck/raw/expand (they change the statement).
 */
function withStatementCache(db: Db): Db {
  const prepare = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (statements.size < MAX_CACHED_STATEMENTS) statements.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
  return db;
}
