import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { gated, useCan } from '../../lib/role.ts';
import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { bindText } from '../../lib/bind-text.ts';
import { containerName, topQuery } from '../../lib/docker/containers.ts';
import { useContainerDetail } from './detail-context.ts';

export function ProcessesTab() {
  const { engine, id, container } = useContainerDetail();
  const [draft, setDraft] = useState('');
  const [psArgs, setPsArgs] = useState('');
  const running = container.State.Running;
  // The server refuses a viewer's ps options (`ps eww` prints each process's environment).
  const options = useCan('container.top-options');
  const top = useQuery({ ...topQuery(engine, id, psArgs), enabled: running });
  return (
    <Stack>
      <Group align="end">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setPsArgs(draft.trim());
          }}
        >
          <Group align="end">
            <TextInput label="ps arguments" placeholder="-ef (default)" {...bindText(draft, setDraft)} w={220} {...gated(options)} />
            <Button
              type="submit"
              variant="default"
              loading={top.isFetching}
              disabled={!running}
              onClick={() => psArgs === draft.trim() && void top.refetch()}
            >
              Refresh
            </Button>
          </Group>
        </form>
        <CliHint command={`docker top ${containerName(container)}${psArgs ? ` ${psArgs}` : ''}`} />
      </Group>
      {!running ? (
        <Text c="dimmed">The container is not running, so it has no processes. Start it to see them.</Text>
      ) : (
        <QueryState isPending={top.isPending} error={top.error}>
          {top.data && (
            <SimpleTable label="Processes" columns={top.data.Titles} striped stickyHeader>
              {top.data.Processes.map((p) => (
                <Table.Tr key={p.join(' ')}>
                  {p.map((cell, i) => (
                    <Table.Td key={top.data.Titles[i] ?? i} ff="monospace" fz="sm">
                      {cell}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </SimpleTable>
          )}
        </QueryState>
      )}
    </Stack>
  );
}
