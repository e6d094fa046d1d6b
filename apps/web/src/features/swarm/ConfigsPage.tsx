import { Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { DataTable, FilterInput, SortTh, useSortedRows, useTableState } from '../../components/data-table.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ActionsTh, RowDangerButton } from '../../components/row-actions.tsx';
import { configsQuery, removeConfig, type SwarmConfig } from '../../lib/docker/swarm-configs.ts';
import { servicesQuery } from '../../lib/docker/swarm.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { timeAgo } from '../../lib/format.ts';
import { gated, useCan } from '../../lib/role.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { CreateConfigDialog, ViewConfigDialog } from './ConfigDialogs.tsx';

const ACCESSORS = {
  name: (c: SwarmConfig) => c.Spec.Name,
  created: (c: SwarmConfig) => Date.parse(c.CreatedAt) || 0,
  updated: (c: SwarmConfig) => Date.parse(c.UpdatedAt) || 0,
};
const labelsOf = (c: SwarmConfig) => Object.entries(c.Spec.Labels ?? {}).map(([k, v]) => (v ? `${k}=${v}` : k));

/** `/swarm/configs`: configs with their labels and the services that mount them; create, view, remove. */
export function ConfigsPage() {
  const engine = useEngine();
  const manage = useCan('config.manage');
  const configs = useQuery(configsQuery(engine));
  const services = useQuery(servicesQuery(engine));
  const table = useTableState('name');
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<SwarmConfig | null>(null);
  const [removing, setRemoving] = useState<SwarmConfig | null>(null);
  const users = (id: string) =>
    (services.data ?? []).filter((s) => s.Spec.TaskTemplate.ContainerSpec.Configs?.some((r) => r.ConfigID === id)).map((s) => s.Spec.Name);
  const filtered = useMemo(() => {
    const needle = table.q.toLowerCase();
    return (configs.data ?? []).filter((c) => !needle || [c.Spec.Name, ...labelsOf(c)].some((s) => s.toLowerCase().includes(needle)));
  }, [configs.data, table.q]);
  const rows = useSortedRows(filtered, ACCESSORS, table.sort, table.dir);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Configs</Title>
        <Button {...gated(manage)} onClick={() => setCreating(true)}>
          Create config
        </Button>
      </Group>
      <Group justify="space-between">
        <FilterInput label="Filter configs" value={table.q} onChange={table.setQ} />
        <CliHint command="docker config ls" />
      </Group>
      <QueryState isPending={configs.isPending} error={configs.error}>
        {rows.length === 0 ? (
          <Text c="dimmed" p="md" data-testid="configs-empty">
            {table.q
              ? `No config matches "${table.q}". Clear the filter to see them all.`
              : 'No configs yet. A config is a file (nginx.conf, app settings) the swarm mounts read-only into the tasks of a service: create one here, then pick it under "Configs" when you create a service.'}
          </Text>
        ) : (
          <DataTable
            scroll
            minWidth={760}
            label="Configs"
            head={
              <Table.Tr>
                <SortTh label="Name" column="name" table={table} />
                <Table.Th>Labels</Table.Th>
                <Table.Th>Used by</Table.Th>
                <SortTh label="Created" column="created" table={table} />
                <SortTh label="Updated" column="updated" table={table} />
                <ActionsTh />
              </Table.Tr>
            }
          >
            {rows.map((c) => (
              <Table.Tr key={c.ID} data-config={c.Spec.Name}>
                <Table.Td ff="monospace" fz="sm" style={{ overflowWrap: 'anywhere' }}>
                  {c.Spec.Name}
                </Table.Td>
                <Table.Td maw={240}>
                  <Group gap={2}>
                    {labelsOf(c).map((l) => (
                      <Code key={l} fz={10}>
                        {l}
                      </Code>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td ff="monospace" fz="xs" data-testid="config-users">
                  {users(c.ID).join(', ') || '—'}
                </Table.Td>
                <Table.Td title={c.CreatedAt}>{timeAgo(c.CreatedAt)}</Table.Td>
                <Table.Td title={c.UpdatedAt}>{timeAgo(c.UpdatedAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" aria-label={`View config ${c.Spec.Name}`} onClick={() => setViewing(c)}>
                      View
                    </Button>
                    <RowDangerButton
                      label={`Remove config ${c.Spec.Name}`}
                      onClick={() => setRemoving(c)}
                      disabled={!manage.allowed}
                      title={manage.reason}
                    >
                      Remove
                    </RowDangerButton>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      {creating && <CreateConfigDialog engine={engine} onClose={() => setCreating(false)} />}
      {viewing && <ViewConfigDialog config={viewing} usedBy={users(viewing.ID)} onClose={() => setViewing(null)} />}
      {removing && (
        <ActionDialog
          danger
          title={`Remove config ${removing.Spec.Name}?`}
          command={`docker config rm ${removing.Spec.Name}`}
          confirmLabel={`Remove ${removing.Spec.Name}`}
          action={() => removeConfig(engine, removing.ID)}
          onClose={() => setRemoving(null)}
        >
          <Text size="sm">
            The config <Code>{removing.Spec.Name}</Code> is deleted from the swarm.{' '}
            {users(removing.ID).length > 0
              ? `The engine refuses while a service uses it (${users(removing.ID).join(', ')}): remove it from the service first.`
              : 'No service uses it.'}
          </Text>
        </ActionDialog>
      )}
    </Stack>
  );
}
