import { Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';

import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes, formatMemory } from '../../lib/format.ts';
import { RecentEvents } from './RecentEvents.tsx';
import { type DiskUsage, diskUsageQuery, infoQuery, objectCountsQuery, versionQuery } from '../../lib/docker/system.ts';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { imagesQuery } from '../../lib/docker/image-list.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';

function Stat({
  label,
  value,
  to,
  testId,
  color,
  note,
}: {
  label: string;
  value: number | string;
  to?: string;
  testId: string;
  color?: string;
  note?: string;
}) {
  const body = (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId} aria-label={`${label}: ${value}`}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed" data-testid={`${testId}-note`}>
          {note}
        </Text>
      )}
    </Paper>
  );
  return to ? (
    <EngineLink to={to} style={{ textDecoration: 'none', color: 'inherit' }}>
      {body}
    </EngineLink>
  ) : (
    body
  );
}

function diskRows(df: DiskUsage) {
  const images = df.Images ?? [];
  const containers = df.Containers ?? [];
  const volumes = df.Volumes ?? [];
  const cache = df.BuildCache ?? [];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + Math.max(0, b), 0);
  return [
    {
      type: 'Images',
      total: images.length,
      active: images.filter((i) => i.Containers > 0).length,
      size: df.LayersSize,
      // As `docker system df` reckons it: all layers but those the images in use need.
      reclaimable: Math.max(0, df.LayersSize - sum(images.filter((i) => i.Containers > 0).map((i) => i.Size - Math.max(0, i.SharedSize)))),
    },
    {
      type: 'Containers',
      total: containers.length,
      active: containers.filter((c) => c.State === 'running').length,
      size: sum(containers.map((c) => c.SizeRw ?? 0)),
      reclaimable: sum(containers.filter((c) => c.State !== 'running').map((c) => c.SizeRw ?? 0)),
    },
    {
      type: 'Local volumes',
      total: volumes.length,
      active: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
      size: sum(volumes.map((v) => v.UsageData?.Size ?? 0)),
      reclaimable: sum(volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).map((v) => v.UsageData?.Size ?? 0)),
    },
    {
      type: 'Build cache',
      total: cache.length,
      active: cache.filter((c) => c.InUse).length,
      size: sum(cache.map((c) => c.Size)),
      reclaimable: sum(cache.filter((c) => !c.InUse && !c.Shared).map((c) => c.Size)),
    },
  ];
}

export function OverviewPage() {
  const engine = useEngine();
  const info = useQuery(infoQuery(engine));
  const version = useQuery(versionQuery(engine));
  const df = useQuery(diskUsageQuery(engine));
  const counts = useQuery(objectCountsQuery(engine));
  // What the Images view and `docker images` list; `/info`'s Images also counts intermediate build images.
  const images = useQuery(imagesQuery(engine));
  const intermediate = images.data && info.data ? info.data.Images - images.data.length : 0;

  return (
    <Stack>
      <PageTitle title="Overview" command="docker info && docker system df" />
      <QueryState isPending={info.isPending} error={info.error}>
        {info.data && (
          <>
            <Paper withBorder p="md" radius="md" aria-label="Engine">
              <Group gap="xl">
                <div>
                  <Text size="xs" c="dimmed">
                    Engine
                  </Text>
                  <Text fw={600} data-testid="engine-version">
                    Docker {version.data?.Version ?? info.data.ServerVersion}
                  </Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    API version
                  </Text>
                  <Text fw={600} data-testid="api-version">
                    {version.data?.ApiVersion ?? '…'}
                  </Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    OS / arch
                  </Text>
                  <Text fw={600}>
                    {info.data.OperatingSystem} · {info.data.OSType}/{info.data.Architecture}
                  </Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    CPUs
                  </Text>
                  <Text fw={600}>{info.data.NCPU}</Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    Memory
                  </Text>
                  <Text fw={600}>{formatMemory(info.data.MemTotal)}</Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    Storage driver
                  </Text>
                  <Text fw={600}>{info.data.Driver}</Text>
                </div>
              </Group>
            </Paper>
            <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }}>
              <Stat
                label="Running"
                value={info.data.ContainersRunning}
                testId="count-running"
                to="/containers?state=running"
                color="green"
              />
              <Stat label="Paused" value={info.data.ContainersPaused} testId="count-paused" to="/containers?state=paused" color="yellow" />
              <Stat label="Stopped" value={info.data.ContainersStopped} testId="count-stopped" to="/containers?state=exited" />
              <Stat label="Containers" value={info.data.Containers} testId="count-containers" to="/containers" />
              <Stat
                label="Images"
                value={images.data?.length ?? '…'}
                testId="count-images"
                to="/images"
                note={intermediate > 0 ? `+ ${intermediate} intermediate (docker images -a)` : undefined}
              />
              <Stat label="Volumes" value={counts.data?.volumes ?? '…'} testId="count-volumes" to="/volumes" />
              <Stat label="Networks" value={counts.data?.networks ?? '…'} testId="count-networks" to="/networks" />
            </SimpleGrid>
          </>
        )}
      </QueryState>
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="sm">
          Disk usage
        </Title>
        <QueryState isPending={df.isPending} error={df.error}>
          {df.data && (
            <SimpleTable striped label="Disk usage" columns={['Type', 'Total', 'Active', 'Size', 'Reclaimable']}>
              {diskRows(df.data).map((r) => (
                <Table.Tr key={r.type}>
                  <Table.Td>{r.type}</Table.Td>
                  <Table.Td>{r.total}</Table.Td>
                  <Table.Td>{r.active}</Table.Td>
                  <Table.Td>{formatBytes(r.size)}</Table.Td>
                  <Table.Td>{formatBytes(r.reclaimable)}</Table.Td>
                </Table.Tr>
              ))}
            </SimpleTable>
          )}
        </QueryState>
      </Paper>
      <RecentEvents />
    </Stack>
  );
}
