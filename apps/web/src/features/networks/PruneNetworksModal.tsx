import { Code, List, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEngine } from '../../lib/engine-status.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { containersWithNetworksQuery } from '../../lib/docker/container-details.ts';
import { networkKeys, networksQuery, pruneNetworks, unusedNetworks } from '../../lib/docker/networks.ts';

/** `docker network prune` with a preview: the custom networks no container is connected to. */
export function PruneNetworksModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const engine = useEngine();
  const client = useQueryClient();
  const networks = useQuery({ ...networksQuery(engine), enabled: opened });
  const containers = useQuery({ ...containersWithNetworksQuery(engine), enabled: opened });
  const doomed = unusedNetworks(networks.data ?? [], containers.data ?? []);
  if (!opened) return null;
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title="Prune unused networks?"
      confirmLabel={`Remove ${doomed.length} network${doomed.length === 1 ? '' : 's'}`}
      command="docker network prune"
      action={() => pruneNetworks(engine)}
      onDone={() => void client.invalidateQueries({ queryKey: networkKeys.all(engine) })}
    >
      {doomed.length === 0 ? (
        <Text size="sm">No custom network is unused: nothing would be removed.</Text>
      ) : (
        <>
          <Text size="sm" mb="xs">
            These networks have no container connected and will be removed:
          </Text>
          <List size="sm" aria-label="Networks to prune">
            {doomed.map((n) => (
              <List.Item key={n.Id}>
                <Code>{n.Name}</Code> {(n.IPAM.Config ?? []).map((c) => c.Subnet).join(', ')}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </ConfirmDialog>
  );
}
