import type { DoctorResult } from '@porthole/shared/networks';

/**
 * The connectivity doctor's reasoning: pure, from inspect data (the networks of both containers)
 * and the output of the checks run inside the source container.
 */
export interface DoctorNetwork {
  id: string;
  name: string;
  internal: boolean;
  aliases: string[];
}

export interface DoctorContainer {
  name: string;
  running: boolean;
  networks: DoctorNetwork[];
}

export interface StepOutcome {
  tool?: string;
  command?: string;
  exitCode: number | null;
  output: string;
}

export interface DoctorInput {
  source: DoctorContainer;
  target: string;
  port?: number;
  /** Containers the target names (by container name or network alias), from inspect data. */
  targetContainers: DoctorContainer[];
  /** Tools found in the source image. */
  tools: string[];
  resolve?: StepOutcome;
  connect?: StepOutcome;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
export const isIpAddress = (s: string) => IPV4.test(s) || (s.includes(':') && /^[0-9a-fA-F:]+$/.test(s));

/** The first address a resolver printed (getent: "ADDR  NAME"; nslookup: "Address: ADDR" after "Name:"). */
export function parseResolvedAddress(tool: string | undefined, output: string): string | undefined {
  const lines = output.split('\n').map((l) => l.trim());
  if (tool === 'getent') return lines.find(Boolean)?.split(/\s+/)[0];
  const nameAt = lines.findIndex((l) => /^Name:/i.test(l));
  if (nameAt < 0) return undefined;
  for (const l of lines.slice(nameAt + 1)) {
    const m = /^Address(?:\s+\d+)?:\s*([0-9a-fA-F:.]+)/i.exec(l);
    if (m) return m[1];
  }
  return undefined;
}

const list = (xs: string[]) => xs.join(', ') || 'no network';

export function diagnose(input: DoctorInput): DoctorResult {
  const { source, target, port } = input;
  const reasons: DoctorResult['reasons'] = [];
  const sourceNets = new Map(source.networks.map((n) => [n.id, n]));
  const common = [...new Set(input.targetContainers.flatMap((t) => t.networks.filter((n) => sourceNets.has(n.id)).map((n) => n.name)))];
  const ip = isIpAddress(target);

  if (!source.running) {
    reasons.push({ code: 'source-not-running', message: `${source.name} is not running: the checks run inside it, so start it first.` });
  }

  const resolveTool = input.tools.find((t) => t === 'getent' || t === 'nslookup');
  const connectTool = input.tools.find((t) => t === 'nc' || t === 'wget');
  if (source.running && !ip && !resolveTool) {
    reasons.push({
      code: 'no-resolve-tool',
      message: `The image of ${source.name} has neither getent nor nslookup: name resolution could not be tested from inside it.`,
    });
  }
  if (source.running && port && !connectTool) {
    reasons.push({
      code: 'no-connect-tool',
      message: `The image of ${source.name} has neither nc nor wget: the TCP connection could not be tested from inside it.`,
    });
  }

  const resolved = ip ? true : input.resolve ? input.resolve.exitCode === 0 : false;
  const address = ip ? target : resolved && input.resolve ? parseResolvedAddress(input.resolve.tool, input.resolve.output) : undefined;
  const connectOk = input.connect ? input.connect.exitCode === 0 : undefined;

  // Reasons from inspect data: the networks of both containers.
  if (input.targetContainers.length > 0 && common.length === 0) {
    const t = input.targetContainers[0] as DoctorContainer;
    const other = t.networks.find((n) => n.name !== 'bridge') ?? t.networks[0];
    reasons.push({
      code: 'no-common-network',
      message: `${source.name} and ${t.name} share no network: ${source.name} is on ${list(source.networks.map((n) => n.name))}, ${t.name} on ${list(t.networks.map((n) => n.name))}.${other ? ` Connect one to a network of the other, e.g. docker network connect ${other.name} ${source.name}.` : ''}`,
    });
  } else if (common.length > 0 && common.every((n) => n === 'bridge') && !resolved) {
    reasons.push({
      code: 'default-bridge-no-dns',
      message: `${source.name} and ${target} share only the default bridge network, where containers do not resolve each other by name. Use a user-defined network.`,
    });
  }
  if (input.targetContainers.some((t) => !t.running)) {
    reasons.push({ code: 'target-not-running', message: `${target} is not running: stopped containers have no address.` });
  }
  if (input.targetContainers.length === 0 && source.networks.length > 0 && source.networks.every((n) => n.internal)) {
    reasons.push({
      code: 'network-internal',
      message: `${source.name} is only on internal networks (${list(source.networks.map((n) => n.name))}): it has no outside access, so ${target} outside the engine cannot be reached.`,
    });
  }
  if (!ip && input.resolve && !resolved && input.targetContainers.length === 0 && !reasons.some((r) => r.code === 'network-internal')) {
    reasons.push({
      code: 'unknown-name',
      message: `No container or alias named ${target} is on a network of ${source.name}, and DNS does not know it either.`,
    });
  }

  // Reasons from the check output.
  if (input.connect && connectOk === false && resolved) {
    const out = input.connect.output.toLowerCase();
    if (out.includes('refused')) {
      reasons.push({
        code: 'port-not-listening',
        message: `${target}${address && address !== target ? ` (${address})` : ''} answers, but nothing listens on port ${port} (connection refused).`,
      });
    } else if (out.includes('timed out') || out.includes('timeout') || input.connect.exitCode === null) {
      reasons.push({
        code: 'connect-timeout',
        message: `No answer from ${target}:${port} within 3 s: nothing on the path accepts it (firewall, internal network, or a different address).`,
      });
    } else if (!reasons.length) {
      reasons.push({
        code: 'connect-failed',
        message: `The connection to ${target}:${port} failed: ${input.connect.output.trim() || `exit code ${input.connect.exitCode}`}`,
      });
    }
  }

  const step = (s: StepOutcome | undefined, ok: boolean) =>
    s ? { ok, tool: s.tool, command: s.command, output: s.output.slice(0, 4000) } : { ok, skipped: true };
  return {
    source: source.name,
    target,
    port,
    resolve: ip ? { ok: true, skipped: true } : step(input.resolve, resolved),
    address,
    connect: port ? step(input.connect, connectOk === true) : undefined,
    ok: source.running && resolved && (port ? connectOk === true : true),
    reasons,
    commonNetworks: common,
  };
}
