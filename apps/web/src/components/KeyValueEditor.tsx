import { Button, Group, Text, TextInput } from '@mantine/core';

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
          {(['key', 'value'] as const).map((part) => (
            <TextInput
              key={part}
              aria-label={`${name} ${i + 1} ${part}`}
              placeholder={part}
              value={r[part]}
              onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, [part]: e.currentTarget.value } : x)))}
              style={{ flex: 1 }}
            />
          ))}
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

/** A titled KeyValueEditor (a dialog's "Labels" or "Driver options"), with an optional hint under the title. */
export function KeyValueField({ title, hint, ...editor }: { title: string; hint?: string } & Parameters<typeof KeyValueEditor>[0]) {
  return (
    <div>
      <Text size="sm" fw={500} mb={hint ? 0 : 4}>
        {title}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" mb={4}>
          {hint}
        </Text>
      )}
      <KeyValueEditor {...editor} />
    </div>
  );
}
