/**
 * What writing the audit log costs the proxy: `docker ps` and `docker restart` through two built
 * servers, one auditing (the default) and one with `PORTHOLE_AUDIT=off`, interleaved, as the
 * ratio of median wall times (target ≤ 1.05×). `docker restart` is audited (a change); `docker
 * ps` is a read and is not, so it shows what classifying each call costs on its own.
 * Called from run.ts; `pnpm --filter @porthole/server bench:audit` runs it alone. The container it
 * makes is labelled porthole.test=1 and removed at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuiltServer } from '../test/built-server.ts';
import { type ServerProcess, startServerProcess } from '../test/server-process.ts';
import { cliEnv, docker, median } from './proxy.ts';
import { runAlone } from './run-alone.ts';

const IMAGE = 'porthole-test/busybox:latest';
const RUN = `porthole.test.run=bench-audit-${process.pid}`;
const ROUNDS = Number(process.env.BENCH_AUDIT_ROUNDS ?? 15);
const TARGET = 1.05;

type Mode = 'audited' | 'unaudited';

export async function benchAudit(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-bench-audit-'));
  const servers: Partial<Record<Mode, ServerProcess>> = {};
  const lines: string[] = [];
  let box = '';
  try {
    servers.audited = await startServerProcess({ LOG_LEVEL: 'warn' });
    servers.unaudited = await startServerProcess({ LOG_LEVEL: 'warn', PORTHOLE_AUDIT: 'off' });
    const envs = {} as Record<Mode, NodeJS.ProcessEnv>;
    for (const mode of ['audited', 'unaudited'] as const) {
      const server = servers[mode] as ServerProcess;
      const token = await server.createToken(await server.login(), `bench-${mode}`);
      envs[mode] = cliEnv(dir, mode, `${server.url.replace('http:', 'tcp:')}/api/engines/local/docker`, token);
    }
    box = (await docker(envs.unaudited, ['run', '-d', '--label', 'porthole.test=1', '--label', RUN, IMAGE, 'sleep', '3600'], true)).stdout;
    const ops = [
      { name: 'docker ps (a read: classified, not recorded)', args: ['ps', '--filter', `label=${RUN}`] },
      { name: 'docker restart -t 0 (a change: recorded)', args: ['restart', '-t', '0', box] },
    ];
    for (const op of ops) {
      const times: Record<Mode, number[]> = { audited: [], unaudited: [] };
      for (const mode of ['audited', 'unaudited'] as const) await docker(envs[mode], op.args); // warm-up
      for (let r = 0; r < ROUNDS; r++) {
        const order: Mode[] = r % 2 ? ['audited', 'unaudited'] : ['unaudited', 'audited'];
        for (const mode of order) times[mode].push((await docker(envs[mode], op.args)).ms);
      }
      const [a, u] = [median(times.audited), median(times.unaudited)];
      const ratio = a / u;
      lines.push(
        `audit: ${op.name}: auditing ${a.toFixed(0)} ms, not auditing ${u.toFixed(0)} ms, ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET.toFixed(2)}×${ratio <= TARGET ? '' : ', MISSED'}; medians of ${ROUNDS})`,
      );
    }
    const audited = servers.audited as ServerProcess;
    const res = await fetch(`${audited.url}/api/audit?action=container.restart&limit=1000`, {
      headers: { cookie: await audited.login() },
    });
    const { entries } = (await res.json()) as { entries: unknown[] };
    lines.push(`audit: ${entries.length} restarts recorded by the auditing server (expected ${ROUNDS + 1})`);
  } finally {
    if (box)
      await docker(cliEnv(dir, 'cleanup', process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'), ['rm', '-f', box]).catch(() => {});
    await Promise.all(Object.values(servers).map((s) => s?.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

// `tsx bench/audit.ts`: this part alone.
void runAlone(import.meta.url, 'Porthole audit bench (the proxy with and without the audit log, one run)', () => {
  ensureBuiltServer();
  return benchAudit();
});
