import { Anchor, Badge, Button, Checkbox, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { isBuiltinNetwork } from '@porthole/shared/networks';
import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { RowDangerButton } from '../../components/row-actions.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { ConfirmDestruction, ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { networkRemoval } from '../../lib/destructive-actions.ts';
import { ConnectContainerModal } from './ConnectContainerModal.tsx';
import { containersWithNetworksQuery } from '../../lib/docker/container-details.ts';
import { disconnectNetwork, isEncryptedOverlay, type Network, networkKeys, networkQuery } from '../../lib/docker/networks.ts';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { KeyValueTable } from '../../components/KeyValueTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { AddressCell, AliasesCell } from '../../components/EndpointCells.tsx';
import { DetailHeader } from '../../components/DetailHeader.tsx';
import { gated, useCan } from '../../lib/role.ts';
import { EngineLink, useEngineNavigate } from '../../lib/engine-paths.tsx';

/** `/networks/:id`: addressing, options, labels and every connected container with its endpoint. */
export function NetworkDetailPage() {
  const connect = useCan('network.connect');
  const remove = useCan('network.remove');
  const { id = '' } = useParams();
  const engine = useEngine();
  const client = useQueryClient();
  const navigate = useEngineNavigate();
  const network = useQuery(networkQuery(engine, id));
  const containers = useQuery(containersWithNetworksQuery(engine));
  const [connecting, setConnecting] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [disconnecting, setDisconnecting] = useState<{ id: string; name: string } | null>(null);
  const [force, setForce] = useState(false);
  const n = network.data as Network | undefined;
  const byId = new Map((containers.data ?? []).map((c) => [c.Id, c]));
  const builtin = n ? isBuiltinNetwork(n.Name) : false;
  const refresh = () => {
    void client.invalidateQueries({ queryKey: networkKeys.all(engine) });
    void client.invalidateQueries({ queryKey: ['engine', engine, 'containers'] });
  };

  return (
    <QueryState isPending={network.isPending} error={network.error}>
      {n && (
        <Stack>
          <DetailHeader
            list={{ to: '/networks', label: 'Networks' }}
            name={n.Name}
            badges={
              <>
                {builtin && (
                  <Badge variant="outline" color="gray">
                    built-in
                  </Badge>
                )}
                {n.Internal && (
                  <Badge color="orange" variant="light">
                    internal · no outside access
                  </Badge>
                )}
                {n.Attachable && <Badge variant="light">attachable</Badge>}
                {isEncryptedOverlay(n) && (
                  <Badge variant="light" color="teal" title="Traffic between nodes is encrypted (IPsec)">
                    encrypted (IPsec)
                  </Badge>
                )}
              </>
            }
            actions={
              <Group>
                <Button onClick={() => setConnecting(true)} {...gated(connect, n.Name === 'host' || n.Name === 'none')}>
                  Connect container
                </Button>
                <Button
                  color="red"
                  variant="light"
                  disabled={builtin || !remove.allowed}
                  title={builtin ? 'Built-in networks cannot be removed' : remove.reason}
                  onClick={() => setRemoving(true)}
                >
                  Remove
                </Button>
              </Group>
            }
          />
          <CliHint command={`docker network inspect ${n.Name}`} />
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Panel title="General">
              <KeyValueTable
                label="Network properties"
                data={Object.fromEntries([
                  ['ID', n.Id.slice(0, 12)],
                  ['Driver', n.Driver],
                  ['Scope', n.Scope],
                  ['IPv6', String(n.EnableIPv6)],
                  ['Internal', String(n.Internal)],
                  ['Created', new Date(n.Created).toLocaleString()],
                ])}
              />
            </Panel>
            <Panel title={`IPAM (${n.IPAM.Driver})`}>
              {(n.IPAM.Config ?? []).length === 0 ? (
                <Text size="sm" c="dimmed">
                  No address configuration
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={340}>
                  <SimpleTable label="IPAM configuration" columns={['Subnet', 'IP range', 'Gateway']}>
                    {(n.IPAM.Config ?? []).map((c) => (
                      <Table.Tr key={`${c.Subnet}-${c.Gateway}`}>
                        <Table.Td ff="monospace" fz="xs">
                          {c.Subnet ?? '—'}
                        </Table.Td>
                        <Table.Td ff="monospace" fz="xs">
                          {c.IPRange ?? '—'}
                        </Table.Td>
                        <Table.Td ff="monospace" fz="xs">
                          {c.Gateway ?? '—'}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </SimpleTable>
                </Table.ScrollContainer>
              )}
              {(n.IPAM.Config ?? []).some((c) => c.AuxiliaryAddresses) && (
                <KeyValueTable
                  label="Auxiliary addresses"
                  data={Object.assign({}, ...(n.IPAM.Config ?? []).map((c) => c.AuxiliaryAddresses ?? {}))}
                />
              )}
            </Panel>
            <Panel title="Options">
              <KeyValueTable label="Driver options" data={n.Options} />
              <Title order={5} my="xs">
                Labels
              </Title>
              <KeyValueTable label="Labels" data={n.Labels} />
            </Panel>
          </SimpleGrid>
          <Panel title="Connected containers" order={4}>
            {Object.keys(n.Containers ?? {}).length === 0 ? (
              <Text size="sm" c="dimmed">
                No container is connected. Use "Connect container" to attach one, or start one with --network {n.Name}.
              </Text>
            ) : (
              <SimpleTable
                label="Connected containers"
                stickyHeader
                columns={['Container', 'State', 'IPv4', 'IPv6', 'MAC', 'Aliases', 'Actions']}
              >
                {Object.entries(n.Containers ?? {}).map(([cid, ep]) => {
                  const c = byId.get(cid);
                  const aliases = (c?.NetworkSettings.Networks?.[n.Name]?.Aliases ?? []).filter((a) => !cid.startsWith(a));
                  return (
                    <Table.Tr key={cid} data-container={ep.Name}>
                      <Table.Td>
                        <Anchor component={EngineLink} to={`/containers/${cid}`} ff="monospace" fz="sm">
                          {ep.Name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{c ? <StateBadge state={c.State} /> : '—'}</Table.Td>
                      <AddressCell value={ep.IPv4Address} />
                      <AddressCell value={ep.IPv6Address} />
                      <AddressCell value={ep.MacAddress} />
                      <AliasesCell aliases={aliases} />
                      <Table.Td>
                        <RowDangerButton label={`Disconnect ${ep.Name}`} onClick={() => setDisconnecting({ id: cid, name: ep.Name })}>
                          Disconnect
                        </RowDangerButton>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </SimpleTable>
            )}
          </Panel>
          {connecting && <ConnectContainerModal network={n} containers={containers.data ?? []} onClose={() => setConnecting(false)} />}
          <ConfirmDestruction
            target={removing ? n : null}
            destruction={networkRemoval(engine)}
            onClose={() => setRemoving(false)}
            onDone={() => {
              void client.invalidateQueries({ queryKey: ['engine', engine, 'containers'] });
              navigate('/networks');
            }}
          >
            {() => (
              <Text size="sm">
                The network <Code>{n.Name}</Code> will be deleted; the engine refuses while containers are connected.
              </Text>
            )}
          </ConfirmDestruction>
          {disconnecting && (
            <ConfirmDialog
              opened
              onClose={() => setDisconnecting(null)}
              title={`Disconnect ${disconnecting.name}?`}
              confirmLabel={`Disconnect ${disconnecting.name}`}
              command={`docker network disconnect ${force ? '--force ' : ''}${n.Name} ${disconnecting.name}`}
              action={() => disconnectNetwork(engine, n.Id, disconnecting.id, force)}
              onDone={refresh}
            >
              <Text size="sm" mb="xs">
                <Code>{disconnecting.name}</Code> loses its address on <Code>{n.Name}</Code> and every alias it had there.
              </Text>
              <Checkbox label="Force" checked={force} onChange={(e) => setForce(e.currentTarget.checked)} />
            </ConfirmDialog>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
