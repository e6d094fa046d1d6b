import type { DoctorResult } from '@porthole/shared/networks';
import { type DoctorContainer, diagnose, isIpAddress, type StepOutcome } from './doctor-reasoning.ts';
import type { ContainerInspect, EngineApi } from './engine-api.ts';
import { execCapture as runCaptured } from './exec-session.ts';
import { mapBounded } from './map-bounded.ts';

const EXEC_TIMEOUT_MS = 8000;
/** Containers inspected at once while looking for the target's aliases. */
const INSPECT_CONCURRENCY = 8;

/** Runs one check inside the container (null exit code when it did not finish in time). */
const execCapture = (engine: EngineApi, container: string, cmd: string[]): Promise<StepOutcome> =>
  runCaptured(engine, container, cmd, EXEC_TIMEOUT_MS);

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Which of the doctor's tools the image has (a shell is needed to look; none found = none usable). */
async function detectTools(engine: EngineApi, id: string): Promise<string[]> {
  try {
    const r = await execCapture(engine, id, [
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

function toDoctorContainer(info: ContainerInspect, internal: Map<string, boolean>): DoctorContainer {
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
export async function runDoctor(engine: EngineApi, sourceId: string, target: string, port?: number): Promise<DoctorResult> {
  const [sourceInfo, networks, containers] = await Promise.all([
    engine.inspectContainer(sourceId),
    engine.listNetworks(),
    engine.listContainers({ all: true }),
  ]);
  const internal = new Map(networks.map((n) => [n.Id, n.Internal === true]));
  const source = toDoctorContainer(sourceInfo, internal);

  // Containers the target names: by container name, or by an alias on any network.
  const candidates = containers
    .filter((c) => c.Id !== sourceInfo.Id)
    .filter(
      (c) =>
        c.Names.some((n) => n.replace(/^\//, '') === target) ||
        Object.keys(c.NetworkSettings?.Networks ?? {}).some((n) => !['bridge', 'host', 'none'].includes(n)),
    );
  const others = (await mapBounded(candidates, INSPECT_CONCURRENCY, (c) => engine.inspectContainer(c.Id))).map((r) =>
    r.status === 'fulfilled' ? r.value : undefined,
  );
  const targetContainers = others
    .filter((c): c is ContainerInspect => !!c)
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
    tools = await detectTools(engine, sourceInfo.Id);
    if (!isIpAddress(target)) {
      if (tools.includes('getent')) {
        resolve = {
          ...(await execCapture(engine, sourceInfo.Id, ['getent', 'hosts', target])),
          tool: 'getent',
          command: `getent hosts ${target}`,
        };
      } else if (tools.includes('nslookup')) {
        resolve = { ...(await execCapture(engine, sourceInfo.Id, ['nslookup', target])), tool: 'nslookup', command: `nslookup ${target}` };
      }
    }
    const resolvedOk = isIpAddress(target) || resolve?.exitCode === 0;
    if (port && resolvedOk) {
      if (tools.includes('nc')) {
        connect = {
          ...(await execCapture(engine, sourceInfo.Id, ['sh', '-c', CONNECT_SCRIPT, 'sh', target, String(port)])),
          tool: 'nc',
          command: `nc -z -w 3 ${target} ${port}`,
        };
      } else if (tools.includes('wget')) {
        connect = {
          ...(await execCapture(engine, sourceInfo.Id, ['sh', '-c', WGET_SCRIPT, 'sh', target, String(port)])),
          tool: 'wget',
          command: `wget -q -T 3 -O /dev/null http://${shQuote(target).slice(1, -1)}:${port}/`,
        };
      }
    }
  }
  return diagnose({ source, target, port, targetContainers, tools, resolve, connect });
}
