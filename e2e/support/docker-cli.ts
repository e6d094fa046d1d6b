import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { E2E } from './env.ts';

const run = promisify(execFile);

/** The real docker CLI, straight to the engine's socket (not through Porthole). */
export async function docker(args: string[], opts: { host?: string } = {}): Promise<string> {
  const env = { ...process.env };
  if (opts.host) env.DOCKER_HOST = opts.host;
  else delete env.DOCKER_HOST;
  const { stdout } = await run('docker', args, { env, maxBuffer: 64 << 20 });
  return stdout.trim();
}

/** The real docker CLI like `docker()`, with what it printed on stderr too (warnings). */
export async function dockerResult(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.DOCKER_HOST;
  return run('docker', args, { env, maxBuffer: 64 << 20 });
}

/** `docker run -d` of the fixture image, labelled as this run's test data. */
export async function runFixture(name: string, extra: string[] = [], cmd: string[] = ['sleep', '3600'], host?: string): Promise<string> {
  return docker(['run', '-d', '--name', name, '--label', 'porthole.test=1', '--label', E2E.runLabel, ...extra, E2E.fixtureImage, ...cmd], {
    host,
  });
}

/** Removes every container, network and volume this run created. */
export async function cleanupRun(host?: string): Promise<void> {
  const filter = `label=${E2E.runLabel}`;
  const ids = await docker(['ps', '-aq', '--filter', filter], { host });
  if (ids) await docker(['rm', '-f', '-v', ...ids.split('\n')], { host });
  const nets = await docker(['network', 'ls', '-q', '--filter', filter], { host });
  if (nets) await docker(['network', 'rm', ...nets.split('\n')], { host });
  const vols = await docker(['volume', 'ls', '-q', '--filter', filter], { host });
  if (vols) await docker(['volume', 'rm', '-f', ...vols.split('\n')], { host });
}

/** `docker info` as JSON. */
export async function dockerInfo(host?: string): Promise<Record<string, number | string>> {
  return JSON.parse(await docker(['info', '--format', '{{json .}}'], { host }));
}
