import type { Db } from '../plugins/db.ts';
import type { SecretBox } from './secret-box.ts';

/** An engine as Porthole keeps it, keys in plain text (in memory only: the table holds them sealed). */
export interface EngineRecord {
  id: string;
  name: string;
  colour: string;
  host: string;
  tls?: { ca?: string; cert?: string; key?: string; verify: boolean };
  ssh?: { privateKey?: string; knownHosts?: string };
  allowInsecureTcp: boolean;
}

interface Row {
  id: string;
  name: string;
  colour: string;
  host: string;
  tls: number;
  tls_ca: string | null;
  tls_cert: string | null;
  tls_key_sealed: string | null;
  tls_verify: number;
  ssh_key_sealed: string | null;
  ssh_known_hosts: string | null;
  allow_insecure_tcp: number;
}

const opt = (v: string | null) => v ?? undefined;

/** The `engines` table: records in, records out; keys sealed on the way in, opened on the way out. */
export class EngineStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  list(): EngineRecord[] {
    return (this.db.prepare('SELECT * FROM engines ORDER BY created_at, id').all() as Row[]).map((r) => this.fromRow(r));
  }

  /** Inserts or replaces the record with this id. */
  save(rec: EngineRecord): void {
    const tlsKey = rec.tls?.key ? this.box.seal(rec.tls.key, context(rec.id, 'tls key')) : null;
    const sshKey = rec.ssh?.privateKey ? this.box.seal(rec.ssh.privateKey, context(rec.id, 'ssh key')) : null;
    this.db
      .prepare(
        `INSERT INTO engines (id, name, colour, host, tls, tls_ca, tls_cert, tls_key_sealed, tls_verify, ssh_key_sealed, ssh_known_hosts, allow_insecure_tcp)
         VALUES (@id, @name, @colour, @host, @tls, @tls_ca, @tls_cert, @tls_key_sealed, @tls_verify, @ssh_key_sealed, @ssh_known_hosts, @allow_insecure_tcp)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, colour = excluded.colour, host = excluded.host, tls = excluded.tls,
           tls_ca = excluded.tls_ca, tls_cert = excluded.tls_cert, tls_key_sealed = excluded.tls_key_sealed, tls_verify = excluded.tls_verify,
           ssh_key_sealed = excluded.ssh_key_sealed, ssh_known_hosts = excluded.ssh_known_hosts, allow_insecure_tcp = excluded.allow_insecure_tcp`,
      )
      .run({
        id: rec.id,
        name: rec.name,
        colour: rec.colour,
        host: rec.host,
        tls: rec.tls ? 1 : 0,
        tls_ca: rec.tls?.ca ?? null,
        tls_cert: rec.tls?.cert ?? null,
        tls_key_sealed: tlsKey,
        tls_verify: rec.tls?.verify === false ? 0 : 1,
        ssh_key_sealed: sshKey,
        ssh_known_hosts: rec.ssh?.knownHosts ?? null,
        allow_insecure_tcp: rec.allowInsecureTcp ? 1 : 0,
      });
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM engines WHERE id = ?').run(id);
  }

  private fromRow(r: Row): EngineRecord {
    return {
      id: r.id,
      name: r.name,
      colour: r.colour,
      host: r.host,
      ...(r.tls
        ? {
            tls: {
              ca: opt(r.tls_ca),
              cert: opt(r.tls_cert),
              key: r.tls_key_sealed ? this.box.unseal(r.tls_key_sealed, context(r.id, 'tls key')) : undefined,
              verify: r.tls_verify === 1,
            },
          }
        : {}),
      ...(r.ssh_key_sealed || r.ssh_known_hosts
        ? {
            ssh: {
              privateKey: r.ssh_key_sealed ? this.box.unseal(r.ssh_key_sealed, context(r.id, 'ssh key')) : undefined,
              knownHosts: opt(r.ssh_known_hosts),
            },
          }
        : {}),
      allowInsecureTcp: r.allow_insecure_tcp === 1,
    };
  }
}

const context = (id: string, field: string) => `engine ${id} ${field}`;
