import { Anchor, Badge, Button, Code, Group, Menu, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { DataTable, FilterInput, SortTh, useSortedRows, useTableState } from '../../components/data-table.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ActionsTh } from '../../components/row-actions.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { nodesQuery, type SwarmNode, updateNode } from '../../lib/docker/swarm.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { gated, useCan } from '../../lib/role.ts';
import { formatBytes } from '../../lib/format.ts';
import { ActionDialog } from './ActionDialog.tsx';

type NodeChange = { node: SwarmNode; title: string; command: string; spec: SwarmNode['Spec'] } | { node: SwarmNode; labels: true };

const ACCESSORS = {
  hostname: (n: SwarmNode) => n.Description.Hostname,
  role: (n: SwarmNode) => n.Spec.Role,
  availability: (n: SwarmNode) => n.Spec.Availability,
  status: (n: SwarmNode) => n.Status.State,
};

function change(node: SwarmNode, verb: string, flag: string, patch: Partial<SwarmNode['Spec']>): NodeChange {
  const host = node.Description.Hostname;
  return { node, title: `${verb} node ${host}?`, command: `docker node ${flag} ${host}`, spec: { ...node.Spec, ...patch } };
}

/** `/swarm/nodes`: the nodes of the swarm this engine manages. */
export function NodesPage() {
  const engine = useEngine();
  const nodes = useQuery(nodesQuery(engine));
  const table = useTableState('hostname');
  const [pending, setPending] = useState<NodeChange | null>(null);
  const can = useCan('swarm.node');
  const filtered = useMemo(
    () => (nodes.data ?? []).filter((n) => !table.q || n.Description.Hostname.toLowerCase().includes(table.q.toLowerCase())),
    [nodes.data, table.q],
  );
  const rows = useSortedRows(filtered, ACCESSORS, table.sort, table.dir);
  return (
    <Stack>
      <Title order={2}>Swarm nodes</Title>
      <Group justify="space-between">
        <FilterInput label="Filter nodes" value={table.q} onChange={table.setQ} />
        <CliHint command="docker node ls" />
      </Group>
      <QueryState isPending={nodes.isPending} error={nodes.error}>
        <DataTable
          scroll
          label="Nodes"
          minWidth={1000}
          head={
            <Table.Tr>
              <SortTh label="Hostname" column="hostname" table={table} />
              <SortTh label="Role" column="role" table={table} />
              <SortTh label="Availability" column="availability" table={table} />
              <SortTh label="Status" column="status" table={table} />
              <Table.Th>Manager</Table.Th>
              <Table.Th>Engine</Table.Th>
              <Table.Th>CPU / memory</Table.Th>
              <Table.Th>Labels</Table.Th>
              <ActionsTh />
            </Table.Tr>
          }
        >
          {rows.map((n) => (
            <Table.Tr key={n.ID} data-node={n.Description.Hostname}>
              <Table.Td>
                <Anchor component={EngineLink} to={`/swarm/nodes/${n.ID}`} ff="monospace" fz="sm">
                  {n.Description.Hostname}
                </Anchor>
              </Table.Td>
              <Table.Td>{n.Spec.Role}</Table.Td>
              <Table.Td data-testid="node-availability">
                <Badge variant="light" radius="sm" color={n.Spec.Availability === 'active' ? 'green' : 'yellow'}>
                  {n.Spec.Availability}
                </Badge>
              </Table.Td>
              <Table.Td>
                <StateBadge state={n.Status.State === 'ready' ? 'running' : n.Status.State} />
              </Table.Td>
              <Table.Td>{n.ManagerStatus ? `${n.ManagerStatus.Reachability}${n.ManagerStatus.Leader ? ' (leader)' : ''}` : '—'}</Table.Td>
              <Table.Td>{n.Description.Engine.EngineVersion}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {(n.Description.Resources.NanoCPUs / 1e9).toFixed(1)} CPU · {formatBytes(n.Description.Resources.MemoryBytes)}
              </Table.Td>
              <Table.Td maw={220}>
                <Group gap={2}>
                  {Object.entries(n.Spec.Labels ?? {}).map(([k, v]) => (
                    <Code key={k} fz={10}>
                      {k}={v}
                    </Code>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Menu position="bottom-end">
                  <Menu.Target>
                    <Button size="compact-xs" variant="default" aria-label={`Actions for node ${n.Description.Hostname}`} {...gated(can)}>
                      Actions
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {(['active', 'pause', 'drain'] as const)
                      .filter((a) => a !== n.Spec.Availability)
                      .map((a) => (
                        <Menu.Item
                          key={a}
                          onClick={() =>
                            setPending(
                              change(n, a === 'active' ? 'Activate' : a === 'pause' ? 'Pause' : 'Drain', `update --availability ${a}`, {
                                Availability: a,
                              }),
                            )
                          }
                        >
                          {a === 'active' ? 'Activate' : a === 'pause' ? 'Pause' : 'Drain'}
                        </Menu.Item>
                      ))}
                    {n.Spec.Role === 'worker' ? (
                      <Menu.Item onClick={() => setPending(change(n, 'Promote', 'promote', { Role: 'manager' }))}>Promote</Menu.Item>
                    ) : (
                      <Menu.Item onClick={() => setPending(change(n, 'Demote', 'demote', { Role: 'worker' }))}>Demote</Menu.Item>
                    )}
                    <Menu.Item onClick={() => setPending({ node: n, labels: true })}>Labels…</Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </QueryState>
      {pending && 'labels' in pending ? (
        <LabelsDialog engine={engine} node={pending.node} onClose={() => setPending(null)} />
      ) : (
        pending && (
          <ActionDialog
            title={pending.title}
            command={pending.command}
            confirmLabel={pending.title.replace(/ node .*/, '')}
            action={() => updateNode(engine, pending.node, pending.spec)}
            onClose={() => setPending(null)}
          >
            {pending.spec.Availability === 'drain' && <Text size="sm">Its tasks stop here and the swarm starts them on other nodes.</Text>}
          </ActionDialog>
        )
      )}
    </Stack>
  );
}

function LabelsDialog({ engine, node, onClose }: { engine: string; node: SwarmNode; onClose: () => void }) {
  const [add, setAdd] = useState('');
  const [remove, setRemove] = useState<string[]>([]);
  const labels = { ...(node.Spec.Labels ?? {}) };
  for (const k of remove) delete labels[k];
  const [k, ...v] = add.split('=');
  if (k?.trim()) labels[k.trim()] = v.join('=');
  const command = `docker node update ${remove.map((r) => `--label-rm ${r} `).join('')}${add.trim() ? `--label-add ${add.trim()} ` : ''}${node.Description.Hostname}`;
  return (
    <ActionDialog
      title={`Labels of ${node.Description.Hostname}`}
      command={command}
      confirmLabel="Save labels"
      onClose={onClose}
      action={() => updateNode(engine, node, { ...node.Spec, Labels: labels })}
    >
      <Group gap={4}>
        {Object.keys(node.Spec.Labels ?? {}).map((key) => (
          <Button
            key={key}
            size="compact-xs"
            variant={remove.includes(key) ? 'filled' : 'default'}
            color={remove.includes(key) ? 'red' : undefined}
            onClick={() => setRemove((r) => (r.includes(key) ? r.filter((x) => x !== key) : [...r, key]))}
          >
            {remove.includes(key) ? `keep ${key}` : `remove ${key}`}
          </Button>
        ))}
      </Group>
      <TextInput label="Add label (key=value)" value={add} onChange={(e) => setAdd(e.currentTarget.value)} />
    </ActionDialog>
  );
}
