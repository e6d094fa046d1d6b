import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURE_IMAGE = 'porthole-test/busybox:latest';
export const TEST_LABEL = 'porthole.test=1';

/**
 * Everything one test file creates carries `porthole.test=1` and its own run label, so it can
 * remove exactly what it made while other test runs share the engine.
 */
export function testRun() {
  const runId = randomUUID().slice(0, 8);
  const runLabel = `porthole.test.run=${runId}`;
  return {
    runId,
    runLabel,
    /** `--label` arguments for docker run/create/network create/build. */
    labelArgs: ['--label', TEST_LABEL, '--label', runLabel],
    name: (what: string) => `porthole-test-${what}-${runId}`,
    /** `docker run -d` of the fixture image with this run's labels; its container id. */
    startFixture: async (cmd: string[], opts: string[] = []) =>
      (await dockerOk(directDocker(), ['run', '-d', '--label', TEST_LABEL, '--label', runLabel, ...opts, FIXTURE_IMAGE, ...cmd])).trim(),
    /**
     * A volume of this run, filled by a container `name` that mounts it at /data, runs `script`
     * (`sh -c`) and exits: the container a volume's files are then read through.
     */
    fillVolume: async (volume: string, name: string, script: string) => {
      await dockerOk(directDocker(), ['volume', 'create', '--label', TEST_LABEL, '--label', runLabel, volume]);
      await dockerOk(directDocker(), [
        'run',
        '--name',
        name,
        '--label',
        TEST_LABEL,
        '--label',
        runLabel,
        '-v',
        `${volume}:/data`,
        FIXTURE_IMAGE,
        'sh',
        '-c',
        script,
      ]);
    },
    /** Removes the containers, networks, volumes and images labelled with this run. */
    cleanup: async () => {
      const direct = directDocker();
      const filter = ['--filter', `label=${runLabel}`];
      const containers = (await docker(direct, ['ps', '-aq', ...filter])).stdout.split('\n').filter(Boolean);
      if (containers.length) await docker(direct, ['rm', '-f', '-v', ...containers]);
      const networks = (await docker(direct, ['network', 'ls', '-q', ...filter])).stdout.split('\n').filter(Boolean);
      if (networks.length) await docker(direct, ['network', 'rm', ...networks]);
      const volumes = (await docker(direct, ['volume', 'ls', '-q', ...filter])).stdout.split('\n').filter(Boolean);
      if (volumes.length) await docker(direct, ['volume', 'rm', '-f', ...volumes]);
      const images = (await docker(direct, ['images', '-q', ...filter])).stdout.split('\n').filter(Boolean);
      if (images.length) await docker(direct, ['rmi', '-f', ...new Set(images)]);
      for (const dir of configDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface DockerTarget {
  env: NodeJS.ProcessEnv;
  /** The docker CLI binary (default: `docker` on the PATH). */
  bin?: string;
}

const configDirs: string[] = [];

function cliEnv(dockerHost: string | undefined, headers: Record<string, string>): NodeJS.ProcessEnv {
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-cli-'));
  configDirs.push(configDir);
  fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ HttpHeaders: headers }));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_CONFIG: configDir, DOCKER_BUILDKIT: '0' };
  if (dockerHost) env.DOCKER_HOST = dockerHost;
  return env;
}

/** The docker CLI straight at the engine socket (with an empty CLI config). */
export function directDocker(): DockerTarget {
  return { env: cliEnv(process.env.DOCKER_HOST, {}) };
}

/** The docker CLI through Porthole's proxy, with the token (if any) in the CLI config's HttpHeaders. */
export function proxyDocker(serverUrl: string, token?: string): DockerTarget {
  const host = `${serverUrl.replace(/^http:/, 'tcp:')}/api/engines/local/docker`;
  return { env: cliEnv(host, token ? { Authorization: `Bearer ${token}` } : {}) };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the docker CLI to completion (never rejects on a non-zero exit). */
export function docker(
  target: DockerTarget,
  args: string[],
  opts: { input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const child = spawnDocker(target, args, opts.cwd);
  const done = finished(child, opts.timeoutMs ?? 60_000);
  child.stdin?.end(opts.input);
  return done;
}

/** Waits for a spawned CLI to exit (killed after `timeoutMs`), with what it printed. */
export function finished(child: ChildProcess, timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr?.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function spawnDocker(target: DockerTarget, args: string[], cwd?: string): ChildProcess {
  return spawn(target.bin ?? 'docker', args, { env: target.env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs the docker CLI and fails with its stderr when it exits non-zero. */
export async function dockerOk(
  target: DockerTarget,
  args: string[],
  opts: { input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<string> {
  const res = await docker(target, args, opts);
  if (res.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${res.code}: ${res.stderr}`);
  return res.stdout;
}
