import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { AddressCell, AliasesCell } from '../../components/EndpointCells.tsx';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { QueryState } from '../../components/QueryState.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { containerName } from '../../lib/docker/containers.ts';
import { containersWithNetworksQuery } from '../../lib/docker/container-details.ts';
import { networksQuery } from '../../lib/docker/networks.ts';
import { ConnectivityDoctor } from './ConnectivityDoctor.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { EngineLink } from '../../lib/engine-paths.tsx';

/** `/containers/:id/networks`: the container's networks (address, aliases) and the connectivity doctor. */
export function ContainerNetworksTab() {
  const { id = '' } = useParams();
  const engine = useEngine();
  const containers = useQuery(containersWithNetworksQuery(engine));
  const networks = useQuery(networksQuery(engine));
  const c = containers.data?.find((x) => x.Id === id || x.Id.startsWith(id) || containerName(x) === id);
  const byId = new Map((networks.data ?? []).map((n) => [n.Id, n]));
  const myNets = Object.entries(c?.NetworkSettings.Networks ?? {});
  const myNetIds = new Set(myNets.map(([, ep]) => ep.NetworkID));
  // Names this container can try: containers and aliases on its networks, then the rest.
  const suggestions = [
    ...new Set(
      (containers.data ?? [])
        .filter((x) => x.Id !== c?.Id)
        .sort(
          (a, b) =>
            Number(Object.values(b.NetworkSettings.Networks ?? {}).some((e) => myNetIds.has(e.NetworkID))) -
            Number(Object.values(a.NetworkSettings.Networks ?? {}).some((e) => myNetIds.has(e.NetworkID))),
        )
        .flatMap((x) => [
          containerName(x),
          ...Object.values(x.NetworkSettings.Networks ?? {}).flatMap((e) => (e.Aliases ?? []).filter((a) => !x.Id.startsWith(a))),
        ]),
    ),
  ];
  return (
    <QueryState isPending={containers.isPending} error={containers.error}>
      {!c ? (
        <Text c="dimmed">No such container.</Text>
      ) : (
        <Stack>
          <Paper withBorder p="md">
            <Title order={4} mb="xs">
              Networks
            </Title>
            {myNets.length === 0 ? (
              <Text size="sm" c="dimmed">
                Not on any network. Connect it from a network's page.
              </Text>
            ) : (
              <SimpleTable label="Container networks" columns={['Network', 'IPv4', 'MAC', 'Aliases']}>
                {myNets.map(([name, ep]) => (
                  <Table.Tr key={name}>
                    <Table.Td>
                      <Group gap={6}>
                        <Anchor component={EngineLink} to={`/networks/${ep.NetworkID}`} ff="monospace" fz="sm">
                          {name}
                        </Anchor>
                        {byId.get(ep.NetworkID)?.Internal && (
                          <Badge size="xs" color="orange" variant="light">
                            internal
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <AddressCell value={ep.IPAddress} />
                    <AddressCell value={ep.MacAddress} />
                    <AliasesCell aliases={(ep.Aliases ?? []).filter((a) => !c.Id.startsWith(a))} />
                  </Table.Tr>
                ))}
              </SimpleTable>
            )}
          </Paper>
          <ConnectivityDoctor containerId={c.Id} containerName={containerName(c)} suggestions={suggestions} />
        </Stack>
      )}
    </QueryState>
  );
}
