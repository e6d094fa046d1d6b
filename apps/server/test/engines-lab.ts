import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/engines-lab.sh');

export interface Lab {
  /** Swarm manager (A) and worker (B) sockets. */
  manager: string;
  worker: string;
  tlsHost: string;
  /** The TLS engine's own socket (to check what Porthole did, bypassing it). */
  tlsUnix: string;
  tls: { ca: string; cert: string; key: string };
  sshHost: string;
  sshUnix: string;
  ssh: { privateKey: string; knownHosts: string };
}

function run(args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(SCRIPT, args, { timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`engines-lab.sh ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Starts the lab (scripts/engines-lab.sh up; idempotent) and reads its endpoints and credentials. */
export const labUp = async (): Promise<Lab> => labOf(await run(['up']));

/**
 * A lab that is already up, without `up` (which would also start and re-join the Swarm nodes A and B
 * another suite may be using): starts only the named engines if they are down, then reads the endpoints.
 */
export async function labJoin(nodes: ('T' | 'S')[]): Promise<Lab> {
  for (const node of nodes) await labStart(node);
  return labOf(await run(['env']));
}

function labOf(out: string): Lab {
  const env = Object.fromEntries(
    out
      .split('\n')
      .map((l) => /^([A-Z_]+)=(\S+)/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  ) as Record<string, string>;
  const need = (k: string) => {
    const v = env[k];
    if (!v) throw new Error(`engines-lab.sh up printed no ${k}`);
    return v;
  };
  const certs = need('LAB_TLS_CERTS');
  const read = (f: string) => fs.readFileSync(f, 'utf8');
  return {
    manager: need('LAB_SWARM_MANAGER'),
    worker: need('LAB_SWARM_WORKER'),
    tlsHost: need('LAB_TLS_HOST'),
    tlsUnix: need('LAB_TLS_UNIX'),
    tls: { ca: read(`${certs}/ca.pem`), cert: read(`${certs}/cert.pem`), key: read(`${certs}/key.pem`) },
    sshHost: need('LAB_SSH_HOST'),
    sshUnix: need('LAB_SSH_UNIX'),
    ssh: { privateKey: read(need('LAB_SSH_KEY')), knownHosts: read(need('LAB_SSH_KNOWN_HOSTS')) },
  };
}

/** Takes the lab down — unless PORTHOLE_LAB_KEEP=1 (scripts/test.sh: the next suite joins it; its cleanup takes it down). */
export const labDown = () => (process.env.PORTHOLE_LAB_KEEP === '1' ? Promise.resolve('') : run(['down']));
/** Stops one lab engine (A, B, T or S) and waits until its dockerd has exited. */
export const labStop = (node: string) => run(['stop', node]);
export const labStart = (node: string) => run(['start', node]);
