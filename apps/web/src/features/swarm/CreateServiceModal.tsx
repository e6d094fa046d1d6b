import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { createService } from '../../lib/docker/swarm.ts';
import { configsQuery } from '../../lib/docker/swarm-configs.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { ServiceConfigsInput } from './ServiceConfigsInput.tsx';
import { emptyServiceForm, parseServiceCommand, type ServiceForm, serviceCommand, serviceSpec } from './service-command.ts';

const MONO_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** `docker service create`: the form, or a pasted command that fills it. */
export function CreateServiceModal({ onClose }: { onClose: () => void }) {
  const engine = useEngine();
  const [form, setForm] = useState<ServiceForm>(emptyServiceForm);
  const configsRead = useQuery(configsQuery(engine));
  const configs = configsRead.data ?? [];
  const configIds = Object.fromEntries(configs.map((c) => [c.Spec.Name, c.ID]));
  const unknownConfig = configsRead.isSuccess ? form.configs.find((c) => !(c.source in configIds))?.source : undefined;
  const [paste, setPaste] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const set = (patch: Partial<ServiceForm>) => setForm((f) => ({ ...f, ...patch }));
  const fill = () => {
    const parsed = parseServiceCommand(paste);
    setPasteError(parsed.ok ? null : parsed.error);
    if (parsed.ok) setForm(parsed.form);
  };
  const listInput = (label: string, key: 'ports' | 'env' | 'constraints', placeholder: string) => (
    <Textarea
      label={label}
      placeholder={placeholder}
      autosize
      minRows={1}
      value={form[key].join('\n')}
      onChange={(e) => set({ [key]: e.currentTarget.value.split('\n') })}
      onBlur={() => set({ [key]: lines(form[key].join('\n')) })}
    />
  );
  return (
    <ActionDialog
      title="Create service"
      command={serviceCommand(form)}
      confirmLabel="Create"
      disabled={!form.image.trim() || !form.name.trim() || unknownConfig !== undefined}
      action={() =>
        createService(
          engine,
          serviceSpec(
            {
              ...form,
              ports: lines(form.ports.join('\n')),
              env: lines(form.env.join('\n')),
              constraints: lines(form.constraints.join('\n')),
            },
            configIds,
          ),
        )
      }
      onClose={onClose}
    >
      <Stack gap="xs">
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label="Paste a docker service create command"
            styles={MONO_INPUT}
            value={paste}
            onChange={(e) => setPaste(e.currentTarget.value)}
          />
          <Button variant="default" onClick={fill} disabled={!paste.trim()}>
            Fill form
          </Button>
        </Group>
        {pasteError && <Alert color="red">{pasteError}</Alert>}
        {unknownConfig !== undefined && (
          <Alert color="red">No config named {unknownConfig} on this swarm: create it on the Configs page, or pick another.</Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} />
          <TextInput label="Image" required value={form.image} onChange={(e) => set({ image: e.currentTarget.value })} />
          <NumberInput label="Replicas" min={0} value={form.replicas} onChange={(v) => set({ replicas: Number(v) || 0 })} />
          <TextInput
            label="Command"
            description="Shell words, e.g. sh -c 'echo hi; sleep 60'"
            styles={MONO_INPUT}
            value={form.command}
            onChange={(e) => set({ command: e.currentTarget.value })}
          />
          {listInput('Published ports (one per line)', 'ports', '8080:80')}
          {listInput('Environment (KEY=value per line)', 'env', 'MODE=prod')}
          {listInput('Placement constraints (one per line)', 'constraints', 'node.role==worker')}
          <ServiceConfigsInput value={form.configs} onChange={(configs) => set({ configs })} configs={configs} />
          <Group grow align="flex-start">
            <NumberInput
              label="Stop grace period (s)"
              min={0}
              value={form.stopGraceSeconds}
              onChange={(v) => set({ stopGraceSeconds: Number(v) || 0 })}
            />
            <Select
              label="Endpoint mode"
              description={form.endpointMode === 'vip' ? 'A virtual IP needs IPVS in the kernel' : 'DNS answers every task'}
              data={[
                { value: 'vip', label: 'vip' },
                { value: 'dnsrr', label: 'dnsrr' },
              ]}
              value={form.endpointMode}
              allowDeselect={false}
              onChange={(v) => set({ endpointMode: v === 'dnsrr' ? 'dnsrr' : 'vip' })}
            />
          </Group>
          <Group grow align="flex-start">
            <NumberInput
              label="Update parallelism"
              min={0}
              value={form.updateParallelism}
              onChange={(v) => set({ updateParallelism: Number(v) || 0 })}
            />
            <NumberInput
              label="Update delay (s)"
              min={0}
              value={form.updateDelaySeconds}
              onChange={(v) => set({ updateDelaySeconds: Number(v) || 0 })}
            />
            <NumberInput
              label="Monitor (s)"
              min={0}
              value={form.updateMonitorSeconds}
              onChange={(v) => set({ updateMonitorSeconds: Number(v) || 0 })}
            />
          </Group>
        </SimpleGrid>
      </Stack>
    </ActionDialog>
  );
}
