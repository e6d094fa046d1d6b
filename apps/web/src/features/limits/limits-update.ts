import { shellQuote } from '@porthole/shared/shell-quote-words';
import { formatCpus, formatSize, parseCpus, parseInteger, parseSize } from '@porthole/shared/run-units';
import { MIN_MEMORY_BYTES, memoryUpdate } from '@porthole/shared/memory-update';
import type { ContainerInspect } from '../../lib/docker/containers.ts';

/** The limits `docker update` can change on a running container, as the table edits them. */
export interface LimitsDraft {
  cpus: string;
  cpuShares: string;
  cpusetCpus: string;
  memory: string;
  memorySwap: string;
  pidsLimit: string;
  blkioWeight: string;
  restart: string;
}

export function draftFrom(c: ContainerInspect): LimitsDraft {
  const hc = c.HostConfig;
  const rp = hc.RestartPolicy;
  return {
    cpus: hc.NanoCpus ? formatCpus(hc.NanoCpus) : '',
    cpuShares: hc.CpuShares ? String(hc.CpuShares) : '',
    cpusetCpus: hc.CpusetCpus ?? '',
    memory: hc.Memory ? formatSize(hc.Memory) : '',
    memorySwap: hc.MemorySwap ? (hc.MemorySwap === -1 ? '-1' : formatSize(hc.MemorySwap)) : '',
    pidsLimit: hc.PidsLimit && hc.PidsLimit > 0 ? String(hc.PidsLimit) : '',
    blkioWeight: hc.BlkioWeight ? String(hc.BlkioWeight) : '',
    restart: rp?.Name === 'on-failure' && rp.MaximumRetryCount ? `on-failure:${rp.MaximumRetryCount}` : rp?.Name || 'no',
  };
}

const FLAGS: Record<keyof LimitsDraft, string> = {
  cpus: '--cpus',
  cpuShares: '--cpu-shares',
  cpusetCpus: '--cpuset-cpus',
  memory: '--memory',
  memorySwap: '--memory-swap',
  pidsLimit: '--pids-limit',
  blkioWeight: '--blkio-weight',
  restart: '--restart',
};

export type LimitsErrors = Partial<Record<keyof LimitsDraft, string>>;

/**
 * What changed between the current limits and the draft, validated, as an update body and a
 * command. A new memory limit without a swap limit typed beside it brings the `--memory-swap` the
 * engine needs (`shared/memory-update.ts`: a container without limits refuses `--memory` alone),
 * shown in the command and explained in `swapNote`; `memory` is then set through the server's
 * memory route (`memory` in the result), the rest through `docker update`.
 */
export function planUpdate(name: string, before: LimitsDraft, draft: LimitsDraft, current: ContainerInspect['HostConfig'] = {}) {
  const errors: LimitsErrors = {};
  const body: Record<string, unknown> = {};
  const args: string[] = [];
  const changed = (Object.keys(FLAGS) as Array<keyof LimitsDraft>).filter((k) => draft[k].trim() !== before[k]);
  for (const k of changed) {
    const v = draft[k].trim();
    // An emptied field lifts the limit (0 = unlimited; -1 for pids and swap).
    const unset = v === '';
    switch (k) {
      case 'cpus': {
        const n = unset ? 0 : parseCpus(v);
        if (n === undefined) errors.cpus = 'A number ≥ 0, like 0.5';
        else body.NanoCpus = n;
        break;
      }
      case 'cpuShares':
      case 'blkioWeight': {
        const n = unset ? 0 : parseInteger(v);
        if (n === undefined || (k === 'blkioWeight' && n !== 0 && (n < 10 || n > 1000)))
          errors[k] = k === 'blkioWeight' ? '10 to 1000' : 'A whole number';
        else body[k === 'cpuShares' ? 'CpuShares' : 'BlkioWeight'] = n;
        break;
      }
      case 'cpusetCpus':
        if (!unset && !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(v)) errors.cpusetCpus = 'Like 0-1 or 0,2';
        else body.CpusetCpus = v;
        break;
      case 'memory':
      case 'memorySwap': {
        const n = unset || v === '-1' ? (k === 'memorySwap' ? -1 : 0) : parseSize(v);
        if (n === undefined) errors[k] = 'A size like 96m';
        // The engine's floor, said before anything is sent (not "body/memory must be >= 6291456").
        else if (n > 0 && n < MIN_MEMORY_BYTES) errors[k] = `At least ${formatSize(MIN_MEMORY_BYTES)}: Docker accepts no smaller limit`;
        else body[k === 'memory' ? 'Memory' : 'MemorySwap'] = n;
        break;
      }
      case 'pidsLimit': {
        const n = unset ? -1 : parseInteger(v, { allowNegative: true });
        if (n === undefined) errors.pidsLimit = 'A whole number, -1 = unlimited';
        else body.PidsLimit = n;
        break;
      }
      case 'restart': {
        const m = /^(no|always|unless-stopped|on-failure)(?::(\d+))?$/.exec(v || 'no');
        if (!m || (m[2] && m[1] !== 'on-failure')) errors.restart = 'no, always, unless-stopped or on-failure[:N]';
        else body.RestartPolicy = { Name: m[1], MaximumRetryCount: m[2] ? Number(m[2]) : 0 };
        break;
      }
    }
    args.push(FLAGS[k], shellQuote(v === '' ? (k === 'pidsLimit' || k === 'memorySwap' ? '-1' : k === 'restart' ? 'no' : '0') : v));
  }
  let memory: number | undefined;
  let swapNote = '';
  if (typeof body.Memory === 'number' && body.Memory > 0 && !changed.includes('memorySwap') && !errors.memory) {
    const planned = memoryUpdate(current, body.Memory, name);
    memory = body.Memory;
    delete body.Memory;
    swapNote = planned.explanation;
    const swap = planned.body.MemorySwap;
    if (swap !== undefined) args.splice(args.indexOf('--memory') + 2, 0, '--memory-swap', swap === -1 ? '-1' : formatSize(swap));
  }
  return { errors, body, changed, memory, swapNote, command: changed.length ? `docker update ${args.join(' ')} ${shellQuote(name)}` : '' };
}
