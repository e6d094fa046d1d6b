import { Anchor, Badge, Button, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes } from '../../lib/format.ts';
import { ConfirmDestruction } from '../../components/ConfirmDialog.tsx';
import { volumeRemoval } from '../../lib/destructive-actions.ts';
import { containerName } from '../../lib/docker/containers.ts';
import { containersWithNetworksQuery } from '../../lib/docker/container-details.ts';
import { VolumeFiles } from './VolumeFiles.tsx';
import { volumeUsers } from './VolumesPage.tsx';
import { volumeQuery, volumeSizesQuery } from '../../lib/docker/volumes.ts';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { KeyValueTable } from '../../components/KeyValueTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { DetailHeader } from '../../components/DetailHeader.tsx';
import { gated, useCan } from '../../lib/role.ts';
import { EngineLink, useEngineNavigate } from '../../lib/engine-paths.tsx';

/** `/volumes/:name`: properties, size, the containers using it (mount path, mode) and its files. */
export function VolumeDetailPage() {
  const remove = useCan('volume.remove');
  const { name = '' } = useParams();
  const engine = useEngine();
  const navigate = useEngineNavigate();
  const volume = useQuery(volumeQuery(engine, name));
  const sizes = useQuery(volumeSizesQuery(engine));
  const containers = useQuery(containersWithNetworksQuery(engine));
  const [removing, setRemoving] = useState(false);
  const users = volumeUsers(containers.data).get(name) ?? [];
  const usage = sizes.data?.get(name);
  const v = volume.data;
  return (
    <QueryState isPending={volume.isPending} error={volume.error}>
      {v && (
        <Stack>
          <DetailHeader
            list={{ to: '/volumes', label: 'Volumes' }}
            name={v.Name}
            badges={
              users.length === 0 && (
                <Badge color="gray" variant="light">
                  unused
                </Badge>
              )
            }
            actions={
              <Button color="red" variant="light" {...gated(remove)} onClick={() => setRemoving(true)}>
                Remove
              </Button>
            }
          />
          <CliHint command={`docker volume inspect ${v.Name}`} />
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Panel title="General">
              <Table aria-label="Volume properties">
                <Table.Tbody>
                  {[
                    ['Driver', v.Driver],
                    ['Scope', v.Scope],
                    ['Mountpoint', v.Mountpoint],
                    ['Size', usage && usage.Size >= 0 ? formatBytes(usage.Size) : '—'],
                    ['Created', v.CreatedAt ? new Date(v.CreatedAt).toLocaleString() : '—'],
                  ].map(([k, val]) => (
                    <Table.Tr key={k}>
                      <Table.Td fz="sm">{k}</Table.Td>
                      <Table.Td
                        ff="monospace"
                        fz="xs"
                        style={{ overflowWrap: 'anywhere' }}
                        data-testid={`volume-${String(k).toLowerCase()}`}
                      >
                        {val}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Panel>
            <Panel title="Labels">
              <KeyValueTable label="Labels" data={v.Labels} />
            </Panel>
            <Panel title="Driver options">
              <KeyValueTable label="Driver options" data={v.Options} />
            </Panel>
          </SimpleGrid>
          <Panel title="Used by" order={4}>
            {users.length === 0 ? (
              <Text size="sm" c="dimmed">
                No container uses this volume. Mount it with <Code>docker run -v {v.Name}:/data …</Code>.
              </Text>
            ) : (
              <SimpleTable label="Containers using the volume" columns={['Container', 'State', 'Mount path', 'Mode']}>
                {users.flatMap((c) =>
                  c.Mounts.filter((m) => m.Type === 'volume' && m.Name === v.Name).map((m) => (
                    <Table.Tr key={`${c.Id}-${m.Destination}`}>
                      <Table.Td>
                        <Anchor component={EngineLink} to={`/containers/${c.Id}`} ff="monospace" fz="sm">
                          {containerName(c)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <StateBadge state={c.State} />
                      </Table.Td>
                      <Table.Td ff="monospace" fz="xs">
                        {m.Destination}
                      </Table.Td>
                      <Table.Td>
                        {m.RW ? 'read-write' : 'read-only'}
                        {m.Mode ? ` (${m.Mode})` : ''}
                      </Table.Td>
                    </Table.Tr>
                  )),
                )}
              </SimpleTable>
            )}
          </Panel>
          <VolumeFiles name={v.Name} />
          <ConfirmDestruction
            target={removing ? v : null}
            destruction={volumeRemoval(engine)}
            onClose={() => setRemoving(false)}
            onDone={() => navigate('/volumes')}
          >
            {() => (
              <Text size="sm">
                The volume <Code>{v.Name}</Code> and all its data{usage && usage.Size >= 0 ? ` (${formatBytes(usage.Size)})` : ''} will be
                deleted for good.
              </Text>
            )}
          </ConfirmDestruction>
        </Stack>
      )}
    </QueryState>
  );
}
