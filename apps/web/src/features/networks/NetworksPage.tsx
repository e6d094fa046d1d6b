import { Anchor, Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';

import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { timeAgo } from '../../lib/format.ts';
import { isBuiltinNetwork } from '@porthole/shared/networks';
import { ConfirmDestruction } from '../../components/ConfirmDialog.tsx';
import { networkRemoval } from '../../lib/destructive-actions.ts';
import { CreateNetworkModal } from './CreateNetworkModal.tsx';
import { PruneNetworksModal } from './PruneNetworksModal.tsx';
import { containersWithNetworksQuery } from '../../lib/docker/container-details.ts';
import { isEncryptedOverlay, type Network, networksQuery } from '../../lib/docker/networks.ts';
import { FilterInput, SortTh, DataTable, useTableState, useSortedRows } from '../../components/data-table.tsx';
import { ActionsTh, RowDangerButton } from '../../components/row-actions.tsx';
import { gated, useCan } from '../../lib/role.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';

const subnets = (n: Network) => (n.IPAM.Config ?? []).map((c) => c.Subnet).filter(Boolean) as string[];
const gateways = (n: Network) => (n.IPAM.Config ?? []).map((c) => c.Gateway).filter(Boolean) as string[];

/** `/networks`: every network of the engine, with its addressing and how many containers use it. */
export function NetworksPage() {
  const create = useCan('network.create');
  const prune = useCan('network.prune');
  const engine = useEngine();
  const networks = useQuery(networksQuery(engine));
  const containers = useQuery(containersWithNetworksQuery(engine));
  const table = useTableState('name');
  const { q, setQ, sort, dir } = table;
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [removing, setRemoving] = useState<Network | null>(null);

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of containers.data ?? [])
      for (const n of Object.values(c.NetworkSettings.Networks ?? {})) m.set(n.NetworkID, (m.get(n.NetworkID) ?? 0) + 1);
    return m;
  }, [containers.data]);

  const accessors = useMemo(
    () => ({
      name: (n: Network) => n.Name,
      driver: (n: Network) => n.Driver,
      scope: (n: Network) => n.Scope,
      subnet: (n: Network) => subnets(n).join(','),
      containers: (n: Network) => counts.get(n.Id) ?? 0,
      created: (n: Network) => Date.parse(n.Created) || 0,
    }),
    [counts],
  );
  const filtered = useMemo(() => {
    const needle = q.toLowerCase();
    return (networks.data ?? []).filter(
      (n) =>
        !needle ||
        [n.Name, n.Id, n.Driver, ...subnets(n), ...Object.entries(n.Labels ?? {}).map(([k, v]) => `${k}=${v}`)].some((s) =>
          s.toLowerCase().includes(needle),
        ),
    );
  }, [networks.data, q]);
  const rows = useSortedRows(filtered, accessors, sort, dir);
  const th = (label: string, column: string) => <SortTh label={label} column={column} table={table} />;

  return (
    <Stack>
      <PageTitle
        title="Networks"
        actions={
          <Group>
            <Button component={EngineLink} to="/networks/topology" variant="light">
              Topology map
            </Button>
            <Button variant="default" {...gated(prune)} onClick={() => setPruning(true)}>
              Prune…
            </Button>
            <Button {...gated(create)} onClick={() => setCreating(true)}>
              Create network
            </Button>
          </Group>
        }
      />
      <Group justify="space-between">
        <FilterInput label="Filter networks" value={q} onChange={setQ} />
        <CliHint command="docker network ls" />
      </Group>
      <QueryState isPending={networks.isPending} error={networks.error}>
        {rows.length === 0 ? (
          <Text c="dimmed" p="md">
            {q ? `No network matches "${q}". Clear the filter to see them all.` : 'No networks. Create one with "Create network".'}
          </Text>
        ) : (
          <DataTable
            scroll
            label="Networks"
            minWidth={1000}
            head={
              <Table.Tr>
                {th('Name', 'name')}
                {th('Driver', 'driver')}
                {th('Scope', 'scope')}
                {th('Subnet', 'subnet')}
                <Table.Th>Gateway</Table.Th>
                <Table.Th>Flags</Table.Th>
                {th('Containers', 'containers')}
                {th('Created', 'created')}
                <ActionsTh />
              </Table.Tr>
            }
          >
            {rows.map((n) => {
              const builtin = isBuiltinNetwork(n.Name);
              return (
                <Table.Tr key={n.Id} data-network={n.Name}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Anchor component={EngineLink} to={`/networks/${n.Id}`} ff="monospace" fz="sm">
                        {n.Name}
                      </Anchor>
                      {builtin && (
                        <Badge size="xs" variant="outline" color="gray" title="Built-in network: cannot be removed">
                          built-in
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{n.Driver}</Table.Td>
                  <Table.Td>{n.Scope}</Table.Td>
                  <Table.Td>
                    <Code>{subnets(n).join(', ') || '—'}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Code>{gateways(n).join(', ') || '—'}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {n.Internal && (
                        <Badge size="sm" color="orange" variant="light" title="No outside access">
                          internal
                        </Badge>
                      )}
                      {n.Attachable && (
                        <Badge size="sm" variant="light">
                          attachable
                        </Badge>
                      )}
                      {isEncryptedOverlay(n) && (
                        <Badge size="sm" variant="light" color="teal" title="Traffic between nodes is encrypted (IPsec)">
                          encrypted
                        </Badge>
                      )}
                      {n.EnableIPv6 && (
                        <Badge size="sm" variant="light" color="grape">
                          IPv6
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{counts.get(n.Id) ?? 0}</Table.Td>
                  <Table.Td title={n.Created}>{timeAgo(n.Created)}</Table.Td>
                  <Table.Td>
                    <RowDangerButton
                      label={`Remove network ${n.Name}`}
                      onClick={() => setRemoving(n)}
                      disabled={builtin}
                      title={builtin ? 'Built-in networks cannot be removed' : undefined}
                    >
                      Remove
                    </RowDangerButton>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </DataTable>
        )}
      </QueryState>
      <CreateNetworkModal opened={creating} onClose={() => setCreating(false)} existing={networks.data ?? []} />
      <PruneNetworksModal opened={pruning} onClose={() => setPruning(false)} />
      <ConfirmDestruction target={removing} destruction={networkRemoval(engine)} onClose={() => setRemoving(null)}>
        {(r) => (
          <Text size="sm">
            The network <Code>{r.Name}</Code> ({(r.IPAM.Config ?? []).map((c) => c.Subnet).join(', ') || 'no subnet'}) will be deleted. The
            engine refuses while containers are connected to it.
          </Text>
        )}
      </ConfirmDestruction>
    </Stack>
  );
}
