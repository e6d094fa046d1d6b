import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { AUDIT_RESULTS } from '@porthole/shared/audit';
import type { TableState } from '../../components/data-table.tsx';
import type { AuditFilters } from '../../lib/audit.ts';

const KEYS = ['user', 'action', 'target', 'result', 'from', 'to'] as const;

/** The filters, read from the URL (`?user=…&action=container.&from=…`). */
export function auditFiltersOf(table: TableState): AuditFilters {
  const f: Record<string, string> = {};
  for (const k of KEYS) {
    const v = table.get(k);
    if (!v) continue;
    // datetime-local values are local time: the server takes ISO (UTC) or ms.
    f[k] = k === 'from' || k === 'to' ? String(Date.parse(v)) : v;
  }
  return f as AuditFilters;
}

/** The audit page's filter bar: user, action (a `container.` prefix matches all), target, result, time range. */
export function AuditFilterBar({ table }: { table: TableState }) {
  const text = (key: (typeof KEYS)[number], label: string, placeholder: string) => (
    <TextInput
      size="xs"
      w={150}
      label={label}
      placeholder={placeholder}
      value={table.get(key)}
      onChange={(e) => table.set({ [key]: e.currentTarget.value.trim() || undefined })}
    />
  );
  const time = (key: 'from' | 'to', label: string) => (
    <TextInput
      size="xs"
      type="datetime-local"
      label={label}
      value={table.get(key)}
      onChange={(e) => table.set({ [key]: e.currentTarget.value || undefined })}
    />
  );
  return (
    <Group gap="xs" align="end">
      {text('user', 'User', 'exact name')}
      {text('action', 'Action', 'container. or user.create')}
      {text('target', 'Target', 'id prefix or name')}
      <NativeSelect
        size="xs"
        label="Result"
        value={table.get('result')}
        data={[{ value: '', label: 'any' }, ...AUDIT_RESULTS.map((r) => ({ value: r, label: r }))]}
        onChange={(e) => table.set({ result: e.currentTarget.value || undefined })}
      />
      {time('from', 'From')}
      {time('to', 'To')}
      <Button size="xs" variant="subtle" onClick={() => table.set(Object.fromEntries(KEYS.map((k) => [k, undefined])))}>
        Clear filters
      </Button>
    </Group>
  );
}
