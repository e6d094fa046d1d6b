import { Anchor, Badge, Button, Checkbox, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';

import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes, timeAgo } from '../../lib/format.ts';
import { ConfirmDestruction } from '../../components/ConfirmDialog.tsx';
import { volumeRemoval } from '../../lib/destructive-actions.ts';
import { type ContainerSummary, containerName } from '../../lib/docker/containers.ts';
import { containersWithNetworksQuery } from '../../lib/docker/container-details.ts';
import { FilterInput, SortTh, DataTable, useTableState, useSortedRows } from '../../components/data-table.tsx';
import { ActionsTh, RowDangerButton } from '../../components/row-actions.tsx';
import { CreateVolumeModal } from './CreateVolumeModal.tsx';
import { PruneVolumesModal } from './PruneVolumesModal.tsx';
import { type Volume, volumeSizesQuery, volumesQuery } from '../../lib/docker/volumes.ts';
import { gated, useCan } from '../../lib/role.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';

/** Containers using each volume, by volume name. */
export function volumeUsers(containers: ContainerSummary[] | undefined): Map<string, ContainerSummary[]> {
  const m = new Map<string, ContainerSummary[]>();
  for (const c of containers ?? [])
    for (const mt of c.Mounts) if (mt.Type === 'volume' && mt.Name) m.set(mt.Name, [...(m.get(mt.Name) ?? []), c]);
  return m;
}

/** `/volumes`: every volume with its size (`/system/df`) and the containers that use it. */
export function VolumesPage() {
  const create = useCan('volume.create');
  const prune = useCan('volume.prune');
  const remove = useCan('volume.remove');
  const engine = useEngine();
  const volumes = useQuery(volumesQuery(engine));
  const sizes = useQuery(volumeSizesQuery(engine));
  const containers = useQuery(containersWithNetworksQuery(engine));
  const table = useTableState('name');
  const { q, setQ, sort, dir, params, set } = table;
  const dangling = params.get('dangling') === '1';
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [removing, setRemoving] = useState<Volume | null>(null);
  const users = useMemo(() => volumeUsers(containers.data), [containers.data]);
  const size = (v: Volume) => sizes.data?.get(v.Name)?.Size ?? -1;

  const accessors = useMemo(
    () => ({
      name: (v: Volume) => v.Name,
      driver: (v: Volume) => v.Driver,
      size: (v: Volume) => sizes.data?.get(v.Name)?.Size ?? -1,
      users: (v: Volume) => users.get(v.Name)?.length ?? 0,
      created: (v: Volume) => Date.parse(v.CreatedAt ?? '') || 0,
    }),
    [sizes.data, users],
  );
  const filtered = useMemo(() => {
    const needle = q.toLowerCase();
    return (volumes.data ?? []).filter(
      (v) =>
        (!dangling || !users.has(v.Name)) &&
        (!needle ||
          [v.Name, v.Driver, ...Object.entries(v.Labels ?? {}).map(([k, val]) => `${k}=${val}`)].some((s) =>
            s.toLowerCase().includes(needle),
          )),
    );
  }, [volumes.data, q, dangling, users]);
  const rows = useSortedRows(filtered, accessors, sort, dir);
  const th = (label: string, column: string) => <SortTh label={label} column={column} table={table} />;

  return (
    <Stack>
      <PageTitle
        title="Volumes"
        actions={
          <Group>
            <Button variant="default" {...gated(prune)} onClick={() => setPruning(true)}>
              Prune…
            </Button>
            <Button {...gated(create)} onClick={() => setCreating(true)}>
              Create volume
            </Button>
          </Group>
        }
      />
      <Group justify="space-between">
        <Group>
          <FilterInput label="Filter volumes" value={q} onChange={setQ} />
          <Checkbox
            label="Unused only (dangling)"
            checked={dangling}
            onChange={(e) => set({ dangling: e.currentTarget.checked ? '1' : undefined })}
          />
        </Group>
        <CliHint command={`docker volume ls${dangling ? ' --filter dangling=true' : ''} && docker system df -v`} />
      </Group>
      <QueryState isPending={volumes.isPending} error={volumes.error}>
        {rows.length === 0 ? (
          <Text c="dimmed" p="md">
            {q || dangling
              ? 'No volume matches. Clear the filter to see them all.'
              : 'No volumes yet. Create one with "Create volume", or run a container with -v name:/path.'}
          </Text>
        ) : (
          <DataTable
            scroll
            label="Volumes"
            minWidth={1000}
            head={
              <Table.Tr>
                {th('Name', 'name')}
                {th('Driver', 'driver')}
                <Table.Th>Mountpoint</Table.Th>
                {th('Size', 'size')}
                {th('In use by', 'users')}
                {th('Created', 'created')}
                <Table.Th>Labels</Table.Th>
                <ActionsTh />
              </Table.Tr>
            }
          >
            {rows.map((v) => (
              <Table.Tr key={v.Name} data-volume={v.Name}>
                <Table.Td maw={260} style={{ overflowWrap: 'anywhere' }}>
                  <Anchor component={EngineLink} to={`/volumes/${encodeURIComponent(v.Name)}`} ff="monospace" fz="sm">
                    {v.Name.length > 40 ? `${v.Name.slice(0, 12)}…` : v.Name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{v.Driver}</Table.Td>
                <Table.Td maw={240} ff="monospace" fz="xs" style={{ overflowWrap: 'anywhere' }}>
                  {v.Mountpoint}
                </Table.Td>
                <Table.Td data-testid="volume-size" style={{ whiteSpace: 'nowrap' }}>
                  {size(v) < 0 ? '—' : formatBytes(size(v))}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {(users.get(v.Name) ?? []).map((c) => (
                      <Anchor key={c.Id} component={EngineLink} to={`/containers/${c.Id}`} ff="monospace" fz="xs">
                        {containerName(c)}
                      </Anchor>
                    ))}
                    {!users.has(v.Name) && (
                      <Badge size="xs" color="gray" variant="light">
                        unused
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td title={v.CreatedAt} style={{ whiteSpace: 'nowrap' }}>
                  {timeAgo(v.CreatedAt)}
                </Table.Td>
                <Table.Td maw={220}>
                  <Group gap={2}>
                    {Object.entries(v.Labels ?? {})
                      .filter(([k]) => !k.startsWith('com.docker.'))
                      .slice(0, 3)
                      .map(([k, val]) => (
                        <Code key={k} fz={10}>
                          {k}={val}
                        </Code>
                      ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <RowDangerButton label={`Remove volume ${v.Name}`} {...gated(remove)} onClick={() => setRemoving(v)}>
                    Remove
                  </RowDangerButton>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      <CreateVolumeModal opened={creating} onClose={() => setCreating(false)} />
      {pruning && <PruneVolumesModal onClose={() => setPruning(false)} />}
      <ConfirmDestruction target={removing} destruction={volumeRemoval(engine)} onClose={() => setRemoving(null)}>
        {(r) => (
          <Text size="sm">
            The volume <Code>{r.Name}</Code> and all its data ({size(r) < 0 ? 'size unknown' : formatBytes(size(r))}) will be deleted for
            good.
          </Text>
        )}
      </ConfirmDestruction>
    </Stack>
  );
}
