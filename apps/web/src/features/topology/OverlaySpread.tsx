import { Badge, Code, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CliHint } from '../../components/CliHint.tsx';
import type { Network } from '../../lib/docker/networks.ts';
import { nodesQuery, overlaySpread, overlaySpreadQuery, type SwarmNode } from '../../lib/docker/swarm.ts';
import { useEngine } from '../../lib/engine-status.tsx';

/**
 * On a Swarm manager: each overlay network with the nodes it spans and what is attached on each —
 * the containers of other nodes are not in this engine's container list, so the map cannot draw them.
 */
export function OverlaySpread({ networks }: { networks: Network[] }) {
  const engine = useEngine();
  // Only asked when there are overlays to show (only a Swarm manager has them): a plain engine answers 503.
  const nodes = useQuery({ ...nodesQuery(engine), enabled: networks.length > 0 });
  if (networks.length === 0 || !nodes.data) return null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
      {networks.map((n) => (
        <OverlayCard key={n.Id} network={n} nodes={nodes.data} />
      ))}
    </SimpleGrid>
  );
}

function OverlayCard({ network, nodes }: { network: Network; nodes: SwarmNode[] }) {
  const engine = useEngine();
  const verbose = useQuery(overlaySpreadQuery(engine, network.Id));
  const spread = verbose.data ? overlaySpread(verbose.data, nodes) : [];
  return (
    <Paper withBorder p="xs" component="section" aria-label={`Overlay ${network.Name} across nodes`}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap={6} wrap="nowrap" miw={0}>
          <Badge variant="outline" color="blue" size="sm">
            overlay
          </Badge>
          <Text ff="monospace" fz="sm" truncate>
            {network.Name}
          </Text>
          {network.Attachable && (
            <Text fz="xs" c="dimmed">
              attachable
            </Text>
          )}
        </Group>
        <CliHint command={`docker network inspect --verbose ${network.Name}`} />
      </Group>
      <Stack gap={2} mt={4}>
        {spread.length === 0 && (
          <Text fz="xs" c="dimmed">
            {verbose.error ? verbose.error.message : 'No node has an endpoint on it yet: attach a container or a service.'}
          </Text>
        )}
        {spread.map((s) => (
          <Group key={s.node} gap={6} data-testid={`overlay-node-${s.node}`} wrap="wrap">
            <Text fz="xs" fw={600} w={90} truncate>
              {s.node}
            </Text>
            {s.endpoints.length === 0 ? (
              <Text fz="xs" c="dimmed">
                (peer, nothing attached)
              </Text>
            ) : (
              s.endpoints.map((e) => (
                <Code key={e} fz={11}>
                  {e}
                </Code>
              ))
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
