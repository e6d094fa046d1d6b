import { Alert, Checkbox, Group, TagsInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { CAPABILITIES, type DeviceRate, type RestartName, type RunSpec } from '@porthole/shared/run-spec';
import { RowList, type SectionProps } from './fields.tsx';

type TextField = {
  [K in keyof RunSpec]: RunSpec[K] extends string ? K : never;
}[keyof RunSpec];

function Field({
  label,
  field,
  hint,
  placeholder,
  spec,
  set,
  errors,
}: SectionProps & { label: string; field: TextField; hint?: string; placeholder?: string }) {
  return (
    <TextInput
      label={label}
      description={hint}
      placeholder={placeholder}
      value={spec[field]}
      onChange={(e) => set({ [field]: e.currentTarget.value } as Partial<RunSpec>)}
      error={errors[field]}
      ff="monospace"
    />
  );
}

const DEVICE_LISTS = [
  ['deviceReadBps', '--device-read-bps', '1mb'],
  ['deviceWriteBps', '--device-write-bps', '1mb'],
  ['deviceReadIops', '--device-read-iops', '1000'],
  ['deviceWriteIops', '--device-write-iops', '1000'],
] as const;

export function ResourcesSection(props: SectionProps) {
  const { spec, set, errors } = props;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Field {...props} label="CPUs (--cpus)" field="cpus" placeholder="0.5" hint="CPU time, in CPUs" />
        <Field {...props} label="CPU shares" field="cpuShares" placeholder="1024" hint="relative weight" />
        <Field {...props} label="CPU set" field="cpusetCpus" placeholder="0-1" hint="--cpuset-cpus" />
        <Field {...props} label="CPU period (µs)" field="cpuPeriod" placeholder="100000" />
        <Field {...props} label="CPU quota (µs)" field="cpuQuota" placeholder="50000" />
        <Field {...props} label="Memory (--memory)" field="memory" placeholder="64m" hint="hard limit" />
        <Field {...props} label="Memory reservation" field="memoryReservation" placeholder="32m" hint="soft limit" />
        <Field {...props} label="Memory + swap" field="memorySwap" placeholder="128m" hint="--memory-swap, -1 = unlimited" />
        <Field {...props} label="Swappiness" field="memorySwappiness" placeholder="0–100" />
        <Field {...props} label="PIDs limit" field="pidsLimit" placeholder="100" hint="stops fork bombs" />
        <Field {...props} label="Block IO weight" field="blkioWeight" placeholder="10–1000" />
      </SimpleGrid>
      <Checkbox
        label="Disable the OOM killer (--oom-kill-disable; only with a memory limit)"
        checked={spec.oomKillDisable}
        onChange={(e) => set({ oomKillDisable: e.currentTarget.checked })}
      />
      {DEVICE_LISTS.map(([key, flag, example]) => (
        <Stack key={key} gap={4}>
          <Text size="sm" fw={500} ff="monospace">
            {flag}
          </Text>
          <RowList<DeviceRate>
            items={spec[key]}
            onChange={(items) => set({ [key]: items } as Partial<RunSpec>)}
            make={() => ({ path: '/dev/sda', rate: '' })}
            noun={flag}
            addLabel={`Add ${flag}`}
            emptyText="No limit."
            render={(d, i, update) => (
              <>
                <TextInput
                  aria-label={`${flag} device ${i + 1}`}
                  value={d.path}
                  onChange={(e) => update({ path: e.currentTarget.value })}
                  error={errors[`${key}.${i}.path`]}
                />
                <TextInput
                  aria-label={`${flag} rate ${i + 1}`}
                  placeholder={example}
                  value={d.rate}
                  onChange={(e) => update({ rate: e.currentTarget.value })}
                  error={errors[`${key}.${i}.rate`]}
                />
              </>
            )}
          />
        </Stack>
      ))}
    </Stack>
  );
}

const CAP_OPTIONS = ['ALL', ...CAPABILITIES];

export function SecuritySection({ spec, set, errors }: SectionProps) {
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TextInput
          label="User (--user)"
          placeholder="1000:1000"
          value={spec.user}
          onChange={(e) => set({ user: e.currentTarget.value })}
          error={errors.user}
          ff="monospace"
        />
        <TagsInput
          label="Drop capabilities (--cap-drop)"
          data={CAP_OPTIONS}
          value={spec.capDrop}
          onChange={(capDrop) => set({ capDrop })}
          error={errors.capDrop}
          placeholder="ALL, then add back what you need"
        />
        <TagsInput
          label="Add capabilities (--cap-add)"
          data={CAP_OPTIONS}
          value={spec.capAdd}
          onChange={(capAdd) => set({ capAdd })}
          error={errors.capAdd}
          placeholder="e.g. NET_BIND_SERVICE"
        />
      </SimpleGrid>
      <Group>
        <Checkbox
          label="Read-only root filesystem (--read-only)"
          checked={spec.readOnly}
          onChange={(e) => set({ readOnly: e.currentTarget.checked })}
        />
        <Checkbox
          label="No new privileges (--security-opt no-new-privileges)"
          checked={spec.noNewPrivileges}
          onChange={(e) => set({ noNewPrivileges: e.currentTarget.checked })}
        />
        <Checkbox
          label="Privileged (--privileged)"
          color="red"
          checked={spec.privileged}
          onChange={(e) => set({ privileged: e.currentTarget.checked })}
        />
      </Group>
      {spec.privileged && (
        <Alert color="red" title="Privileged gives the container root on the host">
          Every capability, every device, no seccomp or AppArmor profile. Prefer adding the one capability you need.
        </Alert>
      )}
      {spec.securityOpt.length > 0 && (
        <TextInput
          label="Other security options"
          value={spec.securityOpt.join(' ')}
          onChange={(e) => set({ securityOpt: e.currentTarget.value.split(/\s+/).filter(Boolean) })}
          ff="monospace"
        />
      )}
    </Stack>
  );
}

export function RestartHealthSection(props: SectionProps) {
  const { spec, set, errors } = props;
  const h = spec.health;
  const setH = (patch: Partial<RunSpec['health']>) => set({ health: { ...h, ...patch } });
  return (
    <Stack>
      <Title order={6}>Restart policy</Title>
      <Group align="end">
        <Select
          label="Restart policy"
          data={['no', 'always', 'unless-stopped', 'on-failure']}
          value={spec.restart}
          onChange={(v) =>
            set({ restart: (v as RestartName) ?? 'no', restartMaxRetries: v === 'on-failure' ? spec.restartMaxRetries : '' })
          }
          error={errors.restart}
          allowDeselect={false}
          w={200}
        />
        {spec.restart === 'on-failure' && <Field {...props} label="Max retries" field="restartMaxRetries" placeholder="unlimited" />}
      </Group>
      <Title order={6}>Healthcheck</Title>
      <SegmentedControl
        aria-label="Healthcheck"
        data={[
          { value: 'image', label: "Image's own" },
          { value: 'custom', label: 'Custom' },
          { value: 'none', label: 'None' },
        ]}
        value={h.mode}
        onChange={(v) => setH({ mode: v as RunSpec['health']['mode'] })}
        w={320}
      />
      {h.mode === 'custom' && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <TextInput
            label="Health command"
            description="Runs in the container; exit 0 = healthy"
            placeholder="wget -q -O- http://localhost/ || exit 1"
            value={h.cmd}
            onChange={(e) => setH({ cmd: e.currentTarget.value })}
            error={errors['health.cmd']}
            ff="monospace"
            style={{ gridColumn: '1 / -1' }}
          />
          <TextInput
            label="Interval"
            placeholder="30s"
            value={h.interval}
            onChange={(e) => setH({ interval: e.currentTarget.value })}
            error={errors['health.interval']}
          />
          <TextInput
            label="Timeout"
            placeholder="30s"
            value={h.timeout}
            onChange={(e) => setH({ timeout: e.currentTarget.value })}
            error={errors['health.timeout']}
          />
          <TextInput
            label="Retries"
            placeholder="3"
            value={h.retries}
            onChange={(e) => setH({ retries: e.currentTarget.value })}
            error={errors['health.retries']}
          />
          <TextInput
            label="Start period"
            placeholder="0s"
            value={h.startPeriod}
            onChange={(e) => setH({ startPeriod: e.currentTarget.value })}
            error={errors['health.startPeriod']}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
