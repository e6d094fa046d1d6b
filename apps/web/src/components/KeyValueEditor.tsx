import { Button, Group, TextInput } from '@mantine/core';

export interface KeyValue {
  key: string;
  value: string;
}

export const toRecord = (rows: KeyValue[]) => Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value]));

/** Rows of key=value (labels, driver options) with add/remove. */
export function KeyValueEditor({ name, rows, onChange }: { name: string; rows: KeyValue[]; onChange: (rows: KeyValue[]) => void }) {
  return (
    <div>
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position
        <Group key={i} gap="xs" mb={4} wrap="nowrap">
          <TextInput
            aria-label={`${name} ${i + 1} key`}
            placeholder="key"
            value={r.key}
            onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, key: e.currentTarget.value } : x)))}
            style={{ flex: 1 }}
          />
          <TextInput
            aria-label={`${name} ${i + 1} value`}
            placeholder="value"
            value={r.value}
            onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)))}
            style={{ flex: 1 }}
          />
          <Button
            variant="subtle"
            color="gray"
            aria-label={`Remove ${name.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ✕
          </Button>
        </Group>
      ))}
      <Button size="xs" variant="light" onClick={() => onChange([...rows, { key: '', value: '' }])}>
        Add {name.toLowerCase()}
      </Button>
    </div>
  );
}
