import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { validateNetworkAddressing } from '@porthole/shared/networks';
import { useEngine } from '../../lib/engine-status.tsx';
import { infoQuery } from '../../lib/docker/system.ts';
import { createNetwork, type Network, type NetworkCreateBody, networkCreateCommand, networkKeys } from '../../lib/docker/networks.ts';
import { type KeyValue, KeyValueField, toRecord } from '../../components/KeyValueEditor.tsx';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useEngineNavigate } from '../../lib/engine-paths.tsx';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Create a network: driver, addressing (validated against the subnet and every other network), flags, options, labels. */
export function CreateNetworkModal({ opened, onClose, existing }: { opened: boolean; onClose: () => void; existing: Network[] }) {
  const engine = useEngine();
  const client = useQueryClient();
  const navigate = useEngineNavigate();
  const info = useQuery(infoQuery(engine));
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('bridge');
  const [subnet, setSubnet] = useState('');
  const [ipRange, setIpRange] = useState('');
  const [gateway, setGateway] = useState('');
  const [internal, setInternal] = useState(false);
  const [attachable, setAttachable] = useState(false);
  const [ipv6, setIpv6] = useState(false);
  const [encrypted, setEncrypted] = useState(false);
  const [options, setOptions] = useState<KeyValue[]>([]);
  const [labels, setLabels] = useState<KeyValue[]>([]);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const swarmManager = (info.data?.Swarm as { ControlAvailable?: boolean } | undefined)?.ControlAvailable === true;
  const drivers = ['bridge', 'macvlan', 'ipvlan', ...(swarmManager ? ['overlay'] : [])];

  const existingSubnets = existing.map((n) => ({
    name: n.Name,
    subnets: (n.IPAM.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean),
  }));
  const errors = validateNetworkAddressing({ subnet, ipRange, gateway }, existingSubnets);
  // A name in use is an error at the field, before anything is sent (the engine would refuse it).
  const nameError =
    name && !NAME.test(name)
      ? 'Letters, digits, "_", "." and "-", starting with a letter or digit'
      : existing.some((n) => n.Name === name.trim())
        ? `A network named "${name.trim()}" already exists: pick another name`
        : undefined;

  const body: NetworkCreateBody = {
    Name: name.trim(),
    Driver: driver,
    Internal: internal,
    Attachable: attachable,
    EnableIPv6: ipv6,
    CheckDuplicate: true,
    IPAM: subnet.trim()
      ? {
          Driver: 'default',
          Config: [{ Subnet: subnet.trim(), IPRange: ipRange.trim() || undefined, Gateway: gateway.trim() || undefined }],
        }
      : undefined,
    Options: { ...toRecord(options), ...(encrypted && driver === 'overlay' ? { encrypted: '' } : {}) },
    Labels: toRecord(labels),
  };

  const mutation = useMutation({
    mutationFn: () => createNetwork(engine, body),
    onSuccess: (res) => {
      void client.invalidateQueries({ queryKey: networkKeys.all(engine) });
      onClose();
      navigate(`/networks/${res.Id}`);
    },
  });
  const invalid = !name.trim() || !!nameError || Object.keys(errors).length > 0;
  const fieldError = (k: 'subnet' | 'ipRange' | 'gateway') => (touched[k] || touched.submit ? errors[k] : undefined);

  return (
    <Modal opened={opened} onClose={onClose} title="Create network" size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched((t) => ({ ...t, submit: true }));
          if (!invalid) mutation.mutate();
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput
              label="Name"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={nameError}
              data-autofocus
            />
            <Select label="Driver" data={drivers} value={driver} onChange={(v) => setDriver(v ?? 'bridge')} allowDeselect={false} />
          </SimpleGrid>
          <SimpleGrid cols={3}>
            <TextInput
              label="Subnet"
              placeholder="172.30.1.0/24"
              ff="monospace"
              value={subnet}
              onChange={(e) => setSubnet(e.currentTarget.value)}
              onBlur={() => setTouched((t) => ({ ...t, subnet: true }))}
              error={fieldError('subnet')}
            />
            <TextInput
              label="IP range"
              placeholder="172.30.1.128/25"
              description="Addresses handed to containers"
              value={ipRange}
              onChange={(e) => setIpRange(e.currentTarget.value)}
              onBlur={() => setTouched((t) => ({ ...t, ipRange: true }))}
              error={fieldError('ipRange')}
            />
            <TextInput
              label="Gateway"
              placeholder="172.30.1.1"
              value={gateway}
              onChange={(e) => setGateway(e.currentTarget.value)}
              onBlur={() => setTouched((t) => ({ ...t, gateway: true }))}
              error={fieldError('gateway')}
            />
          </SimpleGrid>
          <Group>
            <Checkbox label="Internal (no outside access)" checked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} />
            <Checkbox label="Attachable" checked={attachable} onChange={(e) => setAttachable(e.currentTarget.checked)} />
            <Checkbox label="IPv6" checked={ipv6} onChange={(e) => setIpv6(e.currentTarget.checked)} />
          </Group>
          {driver === 'overlay' && (
            <Checkbox
              label="Encrypt traffic (IPsec)"
              description="Costs CPU and throughput on every packet between nodes; every node's kernel needs IPsec (ESP), or their traffic is lost."
              checked={encrypted}
              onChange={(e) => setEncrypted(e.currentTarget.checked)}
            />
          )}
          <SimpleGrid cols={2}>
            <KeyValueField
              title="Driver options"
              hint="e.g. com.docker.network.bridge.name, com.docker.network.driver.mtu"
              name="Option"
              rows={options}
              onChange={setOptions}
            />
            <KeyValueField title="Labels" name="Label" rows={labels} onChange={setLabels} />
          </SimpleGrid>
          <DialogFooter error={mutation.error} command={networkCreateCommand(body)} onCancel={onClose}>
            <Button type="submit" loading={mutation.isPending} disabled={!name.trim() || !!nameError}>
              Create
            </Button>
          </DialogFooter>
        </Stack>
      </form>
    </Modal>
  );
}
