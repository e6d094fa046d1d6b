import { Button, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ipInCidr, parseCidr } from '@porthole/shared/networks';
import { useEngine } from '../../lib/engine-status.tsx';
import { type ContainerSummary, containerName } from '../../lib/docker/containers.ts';
import { connectNetwork, type Network, networkKeys } from '../../lib/docker/networks.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';

/** `docker network connect [--alias …] [--ip …] NETWORK CONTAINER`. */
export function ConnectContainerModal({
  network,
  containers,
  onClose,
}: {
  network: Network;
  containers: ContainerSummary[];
  onClose: () => void;
}) {
  const engine = useEngine();
  const client = useQueryClient();
  const [container, setContainer] = useState<string | null>(null);
  const [aliases, setAliases] = useState<string[]>([]);
  const [ip, setIp] = useState('');
  const candidates = containers.filter((c) => !Object.values(c.NetworkSettings.Networks ?? {}).some((n) => n.NetworkID === network.Id));
  const subnets = (network.IPAM.Config ?? []).map((c) => c.Subnet).filter(Boolean) as string[];
  const ipError =
    ip.trim() && subnets.length
      ? subnets.some((s) => {
          const c = parseCidr(s);
          return typeof c !== 'string' && ipInCidr(c, ip.trim());
        })
        ? undefined
        : `The address must lie inside ${subnets.join(', ')}`
      : ip.trim() && !subnets.length
        ? 'A static IP needs a network with a user-configured subnet'
        : undefined;
  const name = candidates.find((c) => c.Id === container);
  const command = [
    'docker network connect',
    ...aliases.map((a) => `--alias ${a}`),
    ...(ip.trim() ? [`--ip ${ip.trim()}`] : []),
    network.Name,
    name ? containerName(name) : '<container>',
  ].join(' ');
  const mutation = useMutation({
    mutationFn: () => connectNetwork(engine, network.Id, container as string, aliases, ip.trim() || undefined),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: networkKeys.all(engine) });
      void client.invalidateQueries({ queryKey: ['engine', engine, 'containers'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Connect a container to ${network.Name}`} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (container && !ipError) mutation.mutate();
        }}
      >
        <Stack>
          <Select
            label="Container"
            searchable
            required
            data={candidates.map((c) => ({ value: c.Id, label: `${containerName(c)} (${c.State})` }))}
            value={container}
            onChange={setContainer}
            nothingFoundMessage="No container left that is not on this network"
            data-autofocus
          />
          <TagsInput
            label="Aliases"
            description="Other names this container answers to on this network (Enter after each)"
            value={aliases}
            onChange={setAliases}
          />
          <TextInput
            label="Static IPv4 address"
            placeholder={subnets[0] ? `inside ${subnets[0]}` : 'optional'}
            value={ip}
            onChange={(e) => setIp(e.currentTarget.value)}
            error={ipError}
          />
          <DialogFooter error={mutation.error} command={command} onCancel={onClose}>
            <Button type="submit" disabled={!container || !!ipError} loading={mutation.isPending}>
              Connect
            </Button>
          </DialogFooter>
        </Stack>
      </form>
    </Modal>
  );
}
