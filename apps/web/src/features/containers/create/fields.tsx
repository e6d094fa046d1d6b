import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { FieldErrors } from '@porthole/shared/run-create';
import type { KeyValue, RunSpec } from '@porthole/shared/run-spec';
import type { ReactNode } from 'react';

export type SetSpec = (patch: Partial<RunSpec>) => void;

export interface SectionProps {
  spec: RunSpec;
  set: SetSpec;
  errors: FieldErrors;
}

/** A list of rows with add and remove buttons; `render` draws one row's inputs. */
export function RowList<T>({
  items,
  onChange,
  make,
  render,
  addLabel,
  emptyText,
  noun,
}: {
  items: T[];
  onChange: (items: T[]) => void;
  make: () => T;
  render: (item: T, i: number, update: (patch: Partial<T>) => void) => ReactNode;
  addLabel: string;
  emptyText: string;
  noun: string;
}) {
  return (
    <Stack gap={6}>
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      )}
      {items.map((item, i) => (
        <Group key={i} gap="xs" align="start" wrap="nowrap">
          {render(item, i, (patch) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x))))}
          <ActionIcon
            variant="subtle"
            color="red"
            mt={4}
            aria-label={`Remove ${noun} ${i + 1}`}
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...items, make()])}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}

/** KEY / value rows (environment, labels). */
export function KeyValueRows({
  items,
  onChange,
  field,
  noun,
  errors,
  emptyText,
}: {
  items: KeyValue[];
  onChange: (items: KeyValue[]) => void;
  field: 'env' | 'labels';
  noun: string;
  errors: FieldErrors;
  emptyText: string;
}) {
  return (
    <RowList
      items={items}
      onChange={onChange}
      make={() => ({ key: '', value: '' })}
      noun={noun}
      addLabel={`Add ${noun}`}
      emptyText={emptyText}
      render={(kv, i, update) => (
        <>
          <TextInput
            aria-label={`${noun} name ${i + 1}`}
            placeholder="NAME"
            value={kv.key}
            onChange={(e) => update({ key: e.currentTarget.value })}
            error={errors[`${field}.${i}.key`]}
            ff="monospace"
            style={{ flex: 1 }}
          />
          <TextInput
            aria-label={`${noun} value ${i + 1}`}
            placeholder="value"
            value={kv.value}
            onChange={(e) => update({ value: e.currentTarget.value })}
            style={{ flex: 2 }}
          />
        </>
      )}
    />
  );
}

/** Parses a .env block: `KEY=value` lines, `#` comments, optional quotes and `export`. */
export function parseEnvBlock(text: string): KeyValue[] {
  const out: KeyValue[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf('=');
    const key = (i < 0 ? line : line.slice(0, i)).trim();
    let value = i < 0 ? '' : line.slice(i + 1).trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out.push({ key, value });
  }
  return out;
}
