import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import type { DoctorResult } from '@porthole/shared/networks';
import { type DoctorContainer, diagnose, isIpAddress, type StepOutcome } from './doctor-reasoning.ts';

const EXEC_TIMEOUT_MS = 8000;

/** Runs a command inside a container and collects its output and exit code (null on timeout). */
export async function execCapture(docker: Docker, container: string, cmd: string[]): Promise<StepOutcome> {
  const exec = await docker.getContainer(container).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  docker.modem.demuxStream(stream, sink, sink);
  const finished = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve(false);
    }, EXEC_TIMEOUT_MS);
    stream.on('end', () => {
      clearTimeout(timer);
      resolve(true);
    });
    stream.on('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    stream.on('error', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  const output = Buffer.concat(chunks).toString('utf8');
  if (!finished) return { exitCode: null, output: `${output}\n(no answer within ${EXEC_TIMEOUT_MS / 1000} s)` };
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? null, output };
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Which of the doctor's tools the image has (a shell is needed to look; none found = none usable). */
async function detectTools(docker: Docker, id: string): Promise<string[]> {
  try {
    const r = await execCapture(docker, id, [
      'sh',
      '-c',
      'for t in getent nslookup nc wget; do command -v "$t" >/dev/null 2>&1 && echo "$t"; done',
    ]);
    return r.output
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => ['getent', 'nslookup', 'nc', 'wget'].includes(l));
  } catch {
    return [];
  }
}

/** nc with -z where it has it (OpenBSD/GNU), else busybox's `-e true` (connect, then exit at once); wget otherwise. */
const CONNECT_SCRIPT = `h=$(nc -h 2>&1); case "$h" in *" -z"*) exec nc -z -w 3 "$1" "$2";; *) exec nc -w 3 "$1" "$2" -e true;; esac`;
const WGET_SCRIPT = `out=$(wget -q -T 3 -O /dev/null "http://$1:$2/" 2>&1); rc=$?; echo "$out"; case "$out" in *refused*|*"timed out"*|*"bad address"*|*"unreachable"*) exit 1;; esac; exit 0`;

function toDoctorContainer(info: Docker.ContainerInspectInfo, internal: Map<string, boolean>): DoctorContainer {
  return {
    name: info.Name.replace(/^\//, ''),
    running: info.State.Running,
    networks: Object.entries(info.NetworkSettings.Networks ?? {}).map(([name, ep]) => ({
      id: ep.NetworkID,
      name,
      internal: internal.get(ep.NetworkID) ?? false,
      aliases: ep.Aliases ?? [],
    })),
  };
}

/** Runs the connectivity doctor from `sourceId` to `target` (container name, alias, host or IP) and optional port. */
export async function runDoctor(docker: Docker, sourceId: string, target: string, port?: number): Promise<DoctorResult> {
  const [sourceInfo, networks, containers] = await Promise.all([
    docker.getContainer(sourceId).inspect(),
    docker.listNetworks(),
    docker.listContainers({ all: true }),
  ]);
  const internal = new Map(networks.map((n) => [n.Id, n.Internal === true]));
  const source = toDoctorContainer(sourceInfo, internal);

  // Containers the target names: by container name, or by an alias on any network.
  const others = await Promise.all(
    containers
      .filter((c) => c.Id !== sourceInfo.Id)
      .filter(
        (c) =>
          c.Names.some((n) => n.replace(/^\//, '') === target) ||
          Object.keys(c.NetworkSettings?.Networks ?? {}).some((n) => !['bridge', 'host', 'none'].includes(n)),
      )
      .map((c) =>
        docker
          .getContainer(c.Id)
          .inspect()
          .catch(() => undefined),
      ),
  );
  const targetContainers = others
    .filter((c): c is Docker.ContainerInspectInfo => !!c)
    .filter(
      (c) =>
        c.Name.replace(/^\//, '') === target ||
        Object.values(c.NetworkSettings.Networks ?? {}).some((ep) => (ep.Aliases ?? []).includes(target)),
    )
    .map((c) => toDoctorContainer(c, internal));

  let tools: string[] = [];
  let resolve: StepOutcome | undefined;
  let connect: StepOutcome | undefined;
  if (source.running) {
    tools = await detectTools(docker, sourceInfo.Id);
    if (!isIpAddress(target)) {
      if (tools.includes('getent')) {
        resolve = {
          ...(await execCapture(docker, sourceInfo.Id, ['getent', 'hosts', target])),
          tool: 'getent',
          command: `getent hosts ${target}`,
        };
      } else if (tools.includes('nslookup')) {
        resolve = { ...(await execCapture(docker, sourceInfo.Id, ['nslookup', target])), tool: 'nslookup', command: `nslookup ${target}` };
      }
    }
    const resolvedOk = isIpAddress(target) || resolve?.exitCode === 0;
    if (port && resolvedOk) {
      if (tools.includes('nc')) {
        connect = {
          ...(await execCapture(docker, sourceInfo.Id, ['sh', '-c', CONNECT_SCRIPT, 'sh', target, String(port)])),
          tool: 'nc',
          command: `nc -z -w 3 ${target} ${port}`,
        };
      } else if (tools.includes('wget')) {
        connect = {
          ...(await execCapture(docker, sourceInfo.Id, ['sh', '-c', WGET_SCRIPT, 'sh', target, String(port)])),
          tool: 'wget',
          command: `wget -q -T 3 -O /dev/null http://${shQuote(target).slice(1, -1)}:${port}/`,
        };
      }
    }
  }
  return diagnose({ source, target, port, targetContainers, tools, resolve, connect });
}
