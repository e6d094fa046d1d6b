import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { changesQuery, containerName } from '../../lib/docker/containers.ts';
import { useContainerDetail } from './detail-context.ts';

const KINDS = [
  { letter: 'C', label: 'changed', color: 'yellow' },
  { letter: 'A', label: 'added', color: 'green' },
  { letter: 'D', label: 'deleted', color: 'red' },
] as const;

export function ChangesTab() {
  const { engine, id, container } = useContainerDetail();
  const changes = useQuery(changesQuery(engine, id));
  const [q, setQ] = useState('');
  const rows = (changes.data ?? []).filter((c) => c.Path.includes(q));
  return (
    <Stack>
      <Group>
        <TextInput aria-label="Filter paths" placeholder="Filter paths" value={q} onChange={(e) => setQ(e.currentTarget.value)} w={260} />
        <Button variant="default" onClick={() => void changes.refetch()} loading={changes.isFetching}>
          Refresh
        </Button>
        <CliHint command={`docker diff ${containerName(container)}`} />
      </Group>
      <QueryState isPending={changes.isPending} error={changes.error}>
        {changes.data?.length === 0 ? (
          <Text c="dimmed">The container has not changed any file of its image (writes to volumes and tmpfs do not count).</Text>
        ) : (
          <Table aria-label="Changes" stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>Kind</Table.Th>
                <Table.Th>Path</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => {
                const k = KINDS[c.Kind];
                return (
                  <Table.Tr key={c.Path}>
                    <Table.Td>
                      <Badge color={k.color} variant="light" radius="sm">
                        {k.letter} {k.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td ff="monospace" fz="sm">
                      {c.Path}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}
