import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { formatCpus } from '@porthole/shared/run-units';
import type { ContainerInspect } from '../../lib/docker/containers.ts';
import { formatMemory } from '../../lib/format.ts';

function unlimited(text: string) {
  return (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  );
}

/**
 * The Block IO weight as it applies. Where the engine's kernel has none (the server's capability
 * probe), a weight given at create was stored as 0 with a warning, and one set by `docker update`
 * is kept but does nothing: neither is shown as if it applied.
 */
function BlkioWeight({ weight, supported }: { weight: number | undefined; supported: boolean | undefined }) {
  if (!weight) return unlimited(supported === false ? 'n/a (kernel)' : '—');
  if (supported !== false) return <>{weight}</>;
  return (
    <Text size="xs" c="orange" data-testid="blkio-not-applied">
      {weight}: not applied — your kernel does not support Block I/O weight
    </Text>
  );
}

/** The limits of one container as cells of the limits table. */
export function LimitCells({ c, blkioSupported }: { c: ContainerInspect; blkioSupported: boolean | undefined }) {
  const hc = c.HostConfig;
  const rp = hc.RestartPolicy;
  return (
    <>
      <Table.Td ff="monospace">
        {hc.NanoCpus ? formatCpus(hc.NanoCpus) : hc.CpuQuota ? `${hc.CpuQuota}/${hc.CpuPeriod || 100000}µs` : unlimited('—')}
      </Table.Td>
      <Table.Td ff="monospace">{hc.CpuShares || unlimited('1024')}</Table.Td>
      <Table.Td ff="monospace">{hc.CpusetCpus || unlimited('all')}</Table.Td>
      <Table.Td ff="monospace">{hc.Memory ? formatMemory(hc.Memory) : unlimited('—')}</Table.Td>
      <Table.Td ff="monospace">{hc.MemorySwap ? (hc.MemorySwap === -1 ? '∞' : formatMemory(hc.MemorySwap)) : unlimited('—')}</Table.Td>
      <Table.Td ff="monospace">{hc.PidsLimit && hc.PidsLimit > 0 ? hc.PidsLimit : unlimited('—')}</Table.Td>
      <Table.Td ff="monospace" maw={180}>
        <BlkioWeight weight={hc.BlkioWeight} supported={blkioSupported} />
      </Table.Td>
      <Table.Td ff="monospace">{rp?.Name === 'on-failure' ? `on-failure:${rp.MaximumRetryCount}` : rp?.Name || 'no'}</Table.Td>
    </>
  );
}

/** "OOM killed" when the kernel killed the container's last run for going over its memory limit. */
export function OomKilledBadge({ c }: { c: ContainerInspect }) {
  if (!c.State.OOMKilled) return null;
  return (
    <Tooltip label={`The kernel killed it for going over its memory limit (exit code ${c.State.ExitCode}, ${c.State.FinishedAt})`}>
      <Badge color="red" variant="filled" radius="sm" data-testid="oom-killed">
        OOM killed
      </Badge>
    </Tooltip>
  );
}
