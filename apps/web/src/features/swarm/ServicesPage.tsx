import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { CliHint } from '../../components/CliHint.tsx';
import { DataTable, FilterInput, SortTh, useSortedRows, useTableState } from '../../components/data-table.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { servicesQuery, type SwarmService } from '../../lib/docker/swarm.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { gated, useCan } from '../../lib/role.ts';
import { CreateServiceModal } from './CreateServiceModal.tsx';
import { portsText, replicasText, serviceMode, shortImage } from './service-format.ts';
import { ServiceActions } from './ServiceActions.tsx';

const ACCESSORS = {
  name: (s: SwarmService) => s.Spec.Name,
  image: (s: SwarmService) => s.Spec.TaskTemplate.ContainerSpec.Image,
  mode: serviceMode,
};

/** `/swarm/services`: every service with its replicas, ports and update state. */
export function ServicesPage() {
  const engine = useEngine();
  const services = useQuery(servicesQuery(engine));
  const table = useTableState('name');
  const [creating, setCreating] = useState(false);
  const can = useCan('swarm.service');
  const filtered = useMemo(
    () => (services.data ?? []).filter((s) => !table.q || s.Spec.Name.toLowerCase().includes(table.q.toLowerCase())),
    [services.data, table.q],
  );
  const rows = useSortedRows(filtered, ACCESSORS, table.sort, table.dir);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Services</Title>
        <Button {...gated(can)} onClick={() => setCreating(true)}>
          Create service
        </Button>
      </Group>
      <Group justify="space-between">
        <FilterInput label="Filter services" value={table.q} onChange={table.setQ} />
        <CliHint command="docker service ls" />
      </Group>
      <QueryState isPending={services.isPending} error={services.error}>
        {rows.length === 0 ? (
          <Text c="dimmed" p="md">
            {table.q ? 'No service matches.' : 'No services yet. Create one, or deploy a stack.'}
          </Text>
        ) : (
          <DataTable
            scroll
            label="Services"
            minWidth={900}
            head={
              <Table.Tr>
                <SortTh label="Name" column="name" table={table} />
                <SortTh label="Image" column="image" table={table} />
                <SortTh label="Mode" column="mode" table={table} />
                <Table.Th>Replicas</Table.Th>
                <Table.Th>Ports</Table.Th>
                <Table.Th>Update</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            }
          >
            {rows.map((s) => (
              <Table.Tr key={s.ID} data-service={s.Spec.Name}>
                <Table.Td>
                  <Anchor component={EngineLink} to={`/swarm/services/${s.ID}`} ff="monospace" fz="sm">
                    {s.Spec.Name}
                  </Anchor>
                </Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {shortImage(s.Spec.TaskTemplate.ContainerSpec.Image)}
                </Table.Td>
                <Table.Td>{serviceMode(s)}</Table.Td>
                <Table.Td data-testid="service-replicas">{replicasText(s)}</Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {portsText(s.Endpoint?.Ports)}
                </Table.Td>
                <Table.Td>
                  {s.UpdateStatus ? (
                    <Badge variant="light" radius="sm" title={s.UpdateStatus.Message}>
                      {s.UpdateStatus.State}
                    </Badge>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <ServiceActions service={s} compact />
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      {creating && <CreateServiceModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}
