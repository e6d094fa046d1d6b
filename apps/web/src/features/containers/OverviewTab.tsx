import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { joinWords } from '@porthole/shared/shell-quote-words';
import { formatCpus, formatDuration } from '@porthole/shared/run-units';
import type { ReactNode } from 'react';
import { StateBadge } from '../../components/StateBadge.tsx';
import { formatMemory, timeAgo } from '../../lib/format.ts';
import { useContainerDetail } from './detail-context.ts';
import { SecretValue } from './SecretValue.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';

const NEVER = '0001-01-01T00:00:00Z';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" aria-label={title} component="section">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <Table verticalSpacing={4}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={170} fw={500} c="dimmed" fz="sm">
              {k}
            </Table.Th>
            {/* A long command, check or path wraps inside the cell, never widens a phone's page. */}
            <Table.Td fz="sm" style={{ overflowWrap: 'anywhere' }}>
              {v}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const mono = (s: string | undefined | null) =>
  s ? (
    <Text span ff="monospace" size="sm">
      {s}
    </Text>
  ) : (
    <Text span c="dimmed" size="sm">
      —
    </Text>
  );
const when = (t: string) => (t && t !== NEVER ? `${new Date(t).toLocaleString()} (${timeAgo(t)})` : '—');
const empty = (what: string) => (
  <Text size="sm" c="dimmed">
    {what}
  </Text>
);

export function OverviewTab() {
  const { container: c } = useContainerDetail();
  const hc = c.HostConfig;
  const env = (c.Config.Env ?? []).map(
    (e) => [e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')), e.slice(e.indexOf('=') + 1)] as const,
  );
  const ports = Object.entries(c.NetworkSettings.Ports ?? {});
  const nets = Object.entries(c.NetworkSettings.Networks ?? {});
  const restart = hc.RestartPolicy?.Name || 'no';
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Section title="State">
        <Facts
          rows={[
            ['Status', <StateBadge key="s" state={c.State.Status} />],
            ['Exit code', String(c.State.ExitCode)],
            ['Health', c.State.Health ? <StateBadge key="h" state={c.State.Health.Status} /> : 'no healthcheck'],
            ['Restart count', String(c.RestartCount)],
            ['Started', when(c.State.StartedAt)],
            ['Finished', when(c.State.FinishedAt)],
            ['OOM killed', c.State.OOMKilled ? 'yes' : 'no'],
            ...(c.State.Error ? [['Error', mono(c.State.Error)] as [string, ReactNode]] : []),
          ]}
        />
      </Section>
      <Section title="Configuration">
        <Facts
          rows={[
            ['Image', mono(c.Config.Image)],
            ['Entrypoint', mono(joinWords(c.Config.Entrypoint ?? []))],
            ['Command', mono(joinWords(c.Config.Cmd ?? []))],
            ['Working dir', mono(c.Config.WorkingDir)],
            ['User', mono(c.Config.User || 'root (image default)')],
            ['Hostname', mono(c.Config.Hostname)],
            ['Created', when(c.Created)],
          ]}
        />
      </Section>
      <Section title="Resource limits and restart policy">
        <Facts
          rows={[
            ['CPUs', hc.NanoCpus ? formatCpus(hc.NanoCpus) : hc.CpuQuota ? `${hc.CpuQuota}/${hc.CpuPeriod || 100000} µs` : 'unlimited'],
            ['CPU shares', hc.CpuShares ? String(hc.CpuShares) : 'default (1024)'],
            ['CPU set', hc.CpusetCpus || 'all'],
            ['Memory', hc.Memory ? formatMemory(hc.Memory) : 'unlimited'],
            [
              'Memory + swap',
              hc.MemorySwap ? (hc.MemorySwap === -1 ? 'unlimited swap' : formatMemory(hc.MemorySwap)) : 'default (2× memory)',
            ],
            ['PIDs limit', hc.PidsLimit && hc.PidsLimit > 0 ? String(hc.PidsLimit) : 'unlimited'],
            ['Read-only root', hc.ReadonlyRootfs ? 'yes' : 'no'],
            [
              'Capabilities',
              `${(hc.CapDrop ?? []).map((x) => `-${x}`).join(' ')} ${(hc.CapAdd ?? []).map((x) => `+${x}`).join(' ')}`.trim() || 'default',
            ],
            ['Security options', (hc.SecurityOpt ?? []).join(', ') || 'default'],
            [
              'Privileged',
              hc.Privileged ? (
                <Badge key="p" color="red">
                  privileged
                </Badge>
              ) : (
                'no'
              ),
            ],
            ['Restart policy', restart === 'on-failure' ? `on-failure:${hc.RestartPolicy?.MaximumRetryCount ?? 0}` : restart],
            [
              'Healthcheck',
              c.Config.Healthcheck?.Test?.length
                ? mono(
                    `${c.Config.Healthcheck.Test.join(' ')}${c.Config.Healthcheck.Interval ? ` every ${formatDuration(c.Config.Healthcheck.Interval)}` : ''}`,
                  )
                : 'none',
            ],
          ]}
        />
      </Section>
      <Section title="Ports">
        {ports.length === 0 ? (
          empty('No exposed ports.')
        ) : (
          <SimpleTable label="Ports" columns={['Container', 'Published on host']}>
            {ports.map(([port, binds]) => (
              <Table.Tr key={port}>
                <Table.Td ff="monospace">{port}</Table.Td>
                <Table.Td ff="monospace">
                  {binds?.length ? binds.map((b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort}`).join(', ') : 'not published'}
                </Table.Td>
              </Table.Tr>
            ))}
          </SimpleTable>
        )}
      </Section>
      <Section title="Mounts">
        {/* `--tmpfs` mounts are in HostConfig.Tmpfs only (not in Mounts): a read-only container may have nothing else. */}
        {c.Mounts.length === 0 && Object.keys(hc.Tmpfs ?? {}).length === 0 ? (
          empty('No volumes, binds or tmpfs mounts.')
        ) : (
          <SimpleTable label="Mounts" columns={['Type', 'Source', 'Destination', 'Mode']}>
            {c.Mounts.map((m) => (
              <Table.Tr key={m.Destination}>
                <Table.Td>{m.Type}</Table.Td>
                <Table.Td ff="monospace">{m.Name ?? m.Source}</Table.Td>
                <Table.Td ff="monospace">{m.Destination}</Table.Td>
                <Table.Td>{m.RW ? 'rw' : 'ro'}</Table.Td>
              </Table.Tr>
            ))}
            {Object.entries(hc.Tmpfs ?? {}).map(([target, opts]) => (
              <Table.Tr key={`tmpfs:${target}`}>
                <Table.Td>tmpfs</Table.Td>
                <Table.Td ff="monospace">{opts || '—'}</Table.Td>
                <Table.Td ff="monospace">{target}</Table.Td>
                <Table.Td>rw</Table.Td>
              </Table.Tr>
            ))}
          </SimpleTable>
        )}
      </Section>
      <Section title="Networks">
        {nets.length === 0 ? (
          empty(`Network mode: ${hc.NetworkMode}`)
        ) : (
          <SimpleTable label="Networks" columns={['Network', 'IP address', 'Aliases']}>
            {nets.map(([name, n]) => (
              <Table.Tr key={name}>
                <Table.Td>{name}</Table.Td>
                <Table.Td ff="monospace">{n.IPAddress || '—'}</Table.Td>
                <Table.Td ff="monospace">{(n.Aliases ?? []).join(', ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </SimpleTable>
        )}
      </Section>
      <Section title="Environment">
        {env.length === 0 ? (
          empty('No environment variables.')
        ) : (
          <Table aria-label="Environment">
            <Table.Tbody>
              {env.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Td ff="monospace" fz="sm" w="35%">
                    {k}
                  </Table.Td>
                  <Table.Td>
                    <SecretValue name={k} value={v} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section title="Labels">
        {Object.keys(c.Config.Labels ?? {}).length === 0 ? (
          empty('No labels.')
        ) : (
          <Stack gap={2}>
            {Object.entries(c.Config.Labels ?? {}).map(([k, v]) => (
              <Group key={k} gap={4} wrap="nowrap">
                <Text size="sm" ff="monospace" c="dimmed">
                  {k}=
                </Text>
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {v}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Section>
    </SimpleGrid>
  );
}
