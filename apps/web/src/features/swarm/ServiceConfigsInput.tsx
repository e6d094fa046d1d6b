import { Button, CloseButton, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { SwarmConfig } from '../../lib/docker/swarm-configs.ts';
import type { ConfigMount } from './service-command.ts';

/** The service form's configs: which config, mounted where (`--config source=x,target=/etc/x`). */
export function ServiceConfigsInput({
  value,
  onChange,
  configs,
}: {
  value: ConfigMount[];
  onChange: (v: ConfigMount[]) => void;
  configs: SwarmConfig[];
}) {
  const names = configs.map((c) => c.Spec.Name).sort();
  const patch = (i: number, p: Partial<ConfigMount>) => onChange(value.map((m, j) => (j === i ? { ...m, ...p } : m)));
  return (
    // The whole width of the form's grid: config names are long.
    <Stack gap={4} style={{ gridColumn: '1 / -1' }}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Configs
        </Text>
        <Button
          size="compact-xs"
          variant="default"
          disabled={names.length === 0}
          title={names.length === 0 ? 'No configs on this swarm yet: create one on the Configs page' : undefined}
          onClick={() => onChange([...value, { source: names[0] ?? '', target: '' }])}
        >
          Add config
        </Button>
      </Group>
      {value.length === 0 && (
        <Text size="xs" c="dimmed">
          {names.length ? 'Files from the swarm’s configs, mounted read-only in every task.' : 'No configs on this swarm yet.'}
        </Text>
      )}
      {value.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <Select
            aria-label={`Config ${i + 1}`}
            data={names.includes(m.source) || !m.source ? names : [...names, m.source]}
            value={m.source || null}
            allowDeselect={false}
            searchable
            onChange={(v) => patch(i, { source: v ?? '' })}
            style={{ flex: 3 }}
          />
          <TextInput
            aria-label={`Config ${i + 1} target path`}
            placeholder={`/${m.source || 'path'}`}
            ff="monospace"
            value={m.target}
            onChange={(e) => patch(i, { target: e.currentTarget.value })}
            style={{ flex: 2 }}
          />
          <CloseButton aria-label={`Remove config ${i + 1}`} mt={6} onClick={() => onChange(value.filter((_, j) => j !== i))} />
        </Group>
      ))}
    </Stack>
  );
}
