import { Autocomplete, Checkbox, Select, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import type { NetworkSpec, PortSpec, TmpfsSpec, VolumeSpec } from '@porthole/shared/run-spec';
import { useQuery } from '@tanstack/react-query';
import { networksQuery } from '../../../lib/docker/networks.ts';
import { volumesQuery } from '../../../lib/docker/volumes.ts';
import { useEngine } from '../../../lib/engine-status.tsx';
import { RowList, type SectionProps } from './fields.tsx';

export function PortsSection({ spec, set, errors }: SectionProps) {
  return (
    <Stack>
      <RowList<PortSpec>
        items={spec.ports}
        onChange={(ports) => set({ ports })}
        make={() => ({ hostIp: '127.0.0.1', hostPort: '', containerPort: '', protocol: 'tcp' })}
        noun="port"
        addLabel="Publish a port"
        emptyText="No published ports: the container is reachable only from its networks."
        render={(p, i, update) => (
          <>
            <TextInput
              aria-label={`Host IP ${i + 1}`}
              placeholder="all interfaces"
              value={p.hostIp}
              onChange={(e) => update({ hostIp: e.currentTarget.value })}
              error={errors[`ports.${i}.hostIp`]}
              w={140}
            />
            <TextInput
              aria-label={`Host port ${i + 1}`}
              placeholder="random"
              value={p.hostPort}
              onChange={(e) => update({ hostPort: e.currentTarget.value })}
              error={errors[`ports.${i}.hostPort`]}
              w={120}
            />
            <Text mt={6}>→</Text>
            <TextInput
              aria-label={`Container port ${i + 1}`}
              placeholder="80 or 8000-8010"
              value={p.containerPort}
              onChange={(e) => update({ containerPort: e.currentTarget.value })}
              error={errors[`ports.${i}.containerPort`]}
              w={140}
            />
            <Select
              aria-label={`Protocol ${i + 1}`}
              data={['tcp', 'udp', 'sctp']}
              value={p.protocol}
              onChange={(v) => update({ protocol: (v as PortSpec['protocol']) ?? 'tcp' })}
              allowDeselect={false}
              w={90}
            />
          </>
        )}
      />
      <Checkbox
        label="Publish all exposed ports on random host ports (-P)"
        checked={spec.publishAll}
        onChange={(e) => set({ publishAll: e.currentTarget.checked })}
      />
    </Stack>
  );
}

function useVolumeNames() {
  const engine = useEngine();
  return useQuery({ ...volumesQuery(engine), select: (vs) => vs.map((v) => v.Name) });
}

export function StorageSection({ spec, set, errors }: SectionProps) {
  const volumes = useVolumeNames();
  return (
    <Stack>
      <Title order={6}>Volumes and binds</Title>
      <RowList<VolumeSpec>
        items={spec.volumes}
        onChange={(v) => set({ volumes: v })}
        make={() => ({ source: '', target: '', readOnly: false })}
        noun="volume"
        addLabel="Add a volume or bind"
        emptyText="No volumes: data written in the container is lost when it is removed."
        render={(v, i, update) => (
          <>
            <Autocomplete
              aria-label={`Volume source ${i + 1}`}
              placeholder="volume name, /host/path, or empty (anonymous)"
              data={volumes.data ?? []}
              value={v.source}
              onChange={(x) => update({ source: x })}
              style={{ flex: 1 }}
            />
            <TextInput
              aria-label={`Volume target ${i + 1}`}
              placeholder="/data"
              value={v.target}
              onChange={(e) => update({ target: e.currentTarget.value })}
              error={errors[`volumes.${i}.target`]}
              style={{ flex: 1 }}
            />
            <Checkbox mt={8} label="read-only" checked={v.readOnly} onChange={(e) => update({ readOnly: e.currentTarget.checked })} />
          </>
        )}
      />
      <Title order={6}>tmpfs</Title>
      <RowList<TmpfsSpec>
        items={spec.tmpfs}
        onChange={(t) => set({ tmpfs: t })}
        make={() => ({ target: '', size: '', options: '' })}
        noun="tmpfs"
        addLabel="Add a tmpfs"
        emptyText="No tmpfs mounts. With a read-only root, give the app a tmpfs for /tmp."
        render={(t, i, update) => (
          <>
            <TextInput
              aria-label={`tmpfs path ${i + 1}`}
              placeholder="/tmp"
              value={t.target}
              onChange={(e) => update({ target: e.currentTarget.value })}
              error={errors[`tmpfs.${i}.target`]}
              style={{ flex: 1 }}
            />
            <TextInput
              aria-label={`tmpfs size ${i + 1}`}
              placeholder="size, e.g. 64m"
              value={t.size}
              onChange={(e) => update({ size: e.currentTarget.value })}
              error={errors[`tmpfs.${i}.size`]}
              w={140}
            />
            <TextInput
              aria-label={`tmpfs options ${i + 1}`}
              placeholder="noexec,mode=1777"
              value={t.options}
              onChange={(e) => update({ options: e.currentTarget.value })}
              w={160}
            />
          </>
        )}
      />
    </Stack>
  );
}

function useNetworkNames() {
  const engine = useEngine();
  return useQuery({ ...networksQuery(engine), select: (ns) => ns.map((n) => n.Name).sort() });
}

export function NetworksSection({ spec, set, errors }: SectionProps) {
  const networks = useNetworkNames();
  return (
    <RowList<NetworkSpec>
      items={spec.networks}
      onChange={(n) => set({ networks: n })}
      make={() => ({ name: '', aliases: [], ipv4: '' })}
      noun="network"
      addLabel="Connect a network"
      emptyText="The default bridge network. Add user networks to reach other containers by name."
      render={(n, i, update) => (
        <>
          <Select
            aria-label={`Network ${i + 1}`}
            placeholder="network"
            data={networks.data ?? []}
            value={n.name || null}
            onChange={(v) => update({ name: v ?? '' })}
            error={errors[`networks.${i}.name`]}
            searchable
            w={180}
          />
          <TagsInput
            aria-label={`Aliases ${i + 1}`}
            placeholder="aliases (Enter to add)"
            value={n.aliases}
            onChange={(aliases) => update({ aliases })}
            style={{ flex: 1 }}
          />
          <TextInput
            aria-label={`Static IPv4 ${i + 1}`}
            placeholder="static IPv4 (optional)"
            value={n.ipv4}
            onChange={(e) => update({ ipv4: e.currentTarget.value })}
            error={errors[`networks.${i}.ipv4`]}
            w={170}
          />
        </>
      )}
    />
  );
}
