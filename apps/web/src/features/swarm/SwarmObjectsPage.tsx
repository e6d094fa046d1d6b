import { Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { DataTable, FilterInput, SortTh, useSortedRows, useTableState } from '../../components/data-table.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ActionsTh, RowDangerButton } from '../../components/row-actions.tsx';
import { servicesQuery, type SwarmService } from '../../lib/docker/swarm.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { timeAgo } from '../../lib/format.ts';
import { type Capability, gated, useCan } from '../../lib/role.ts';
import { ActionDialog } from './ActionDialog.tsx';

/** What configs and secrets share: a name, labels, when made and changed. */
export interface SwarmObject {
  ID: string;
  CreatedAt: string;
  UpdatedAt?: string;
  Spec: { Name: string; Labels?: Record<string, string> };
}

const ACCESSORS = {
  name: (o: SwarmObject) => o.Spec.Name,
  created: (o: SwarmObject) => Date.parse(o.CreatedAt) || 0,
  updated: (o: SwarmObject) => Date.parse(o.UpdatedAt ?? '') || 0,
};
const labelsOf = (o: SwarmObject) => Object.entries(o.Spec.Labels ?? {}).map(([k, v]) => (v ? `${k}=${v}` : k));

/**
 * `/swarm/configs` and `/swarm/secrets`: the objects with their labels and the services that use
 * them; filter, sort, create, remove (each with its `docker config|secret …` command), and for
 * configs a View. Changes are gated by the role, with the reason as the tooltip.
 */
export function SwarmObjectsPage<T extends SwarmObject>(props: {
  kind: 'config' | 'secret';
  objects: UseQueryResult<T[]>;
  /** The ids a service's container spec refers to, of this kind. */
  refs: (service: SwarmService) => string[];
  manage: Capability;
  remove: (engine: string, id: string) => Promise<unknown>;
  empty: string;
  /** The create dialog. */
  create: (onClose: () => void) => ReactNode;
  /** The view dialog, for a kind whose content can be read. */
  view?: (object: T, usedBy: string[], onClose: () => void) => ReactNode;
}) {
  const { kind } = props;
  const engine = useEngine();
  const manage = useCan(props.manage);
  const { objects } = props;
  const services = useQuery(servicesQuery(engine));
  const table = useTableState('name');
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<T | null>(null);
  const [removing, setRemoving] = useState<T | null>(null);
  const users = (id: string) => (services.data ?? []).filter((s) => props.refs(s).includes(id)).map((s) => s.Spec.Name);
  const filtered = useMemo(() => {
    const needle = table.q.toLowerCase();
    return (objects.data ?? []).filter((o) => !needle || [o.Spec.Name, ...labelsOf(o)].some((s) => s.toLowerCase().includes(needle)));
  }, [objects.data, table.q]);
  const rows = useSortedRows(filtered, ACCESSORS, table.sort, table.dir);
  const Kind = kind === 'config' ? 'Config' : 'Secret';
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{Kind}s</Title>
        <Button {...gated(manage)} onClick={() => setCreating(true)}>
          Create {kind}
        </Button>
      </Group>
      <Group justify="space-between">
        <FilterInput label={`Filter ${kind}s`} value={table.q} onChange={table.setQ} />
        <CliHint command={`docker ${kind} ls`} />
      </Group>
      <QueryState isPending={objects.isPending} error={objects.error}>
        {rows.length === 0 ? (
          <Text c="dimmed" p="md" data-testid={`${kind}s-empty`}>
            {table.q ? `No ${kind} matches "${table.q}". Clear the filter to see them all.` : props.empty}
          </Text>
        ) : (
          <DataTable
            scroll
            minWidth={760}
            label={`${Kind}s`}
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
            {rows.map((o) => (
              <Table.Tr key={o.ID} {...{ [`data-${kind}`]: o.Spec.Name }}>
                <Table.Td ff="monospace" fz="sm" style={{ overflowWrap: 'anywhere' }}>
                  {o.Spec.Name}
                </Table.Td>
                <Table.Td maw={240}>
                  <Group gap={2}>
                    {labelsOf(o).map((l) => (
                      <Code key={l} fz={10}>
                        {l}
                      </Code>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td ff="monospace" fz="xs" data-testid={`${kind}-users`}>
                  {users(o.ID).join(', ') || '—'}
                </Table.Td>
                <Table.Td title={o.CreatedAt}>{timeAgo(o.CreatedAt)}</Table.Td>
                <Table.Td title={o.UpdatedAt}>{o.UpdatedAt ? timeAgo(o.UpdatedAt) : '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {props.view && (
                      <Button size="compact-xs" variant="subtle" aria-label={`View ${kind} ${o.Spec.Name}`} onClick={() => setViewing(o)}>
                        View
                      </Button>
                    )}
                    <RowDangerButton
                      label={`Remove ${kind} ${o.Spec.Name}`}
                      onClick={() => setRemoving(o)}
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
      {creating && props.create(() => setCreating(false))}
      {viewing && props.view?.(viewing, users(viewing.ID), () => setViewing(null))}
      {removing && (
        <ActionDialog
          danger
          title={`Remove ${kind} ${removing.Spec.Name}?`}
          command={`docker ${kind} rm ${removing.Spec.Name}`}
          confirmLabel={`Remove ${removing.Spec.Name}`}
          action={() => props.remove(engine, removing.ID)}
          onClose={() => setRemoving(null)}
        >
          <Text size="sm">
            The {kind} <Code>{removing.Spec.Name}</Code> is deleted from the swarm.{' '}
            {users(removing.ID).length > 0
              ? `The engine refuses while a service uses it (${users(removing.ID).join(', ')}): remove it from the service first.`
              : 'No service uses it.'}
          </Text>
        </ActionDialog>
      )}
    </Stack>
  );
}
