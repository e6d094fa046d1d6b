import { Button, Group, Table, TextInput, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';

/** The view's filter text and sort, kept in the URL (`?q=…&sort=…&dir=…`). */
export function useListParams(defaultSort: string) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? defaultSort;
  const dir: 'asc' | 'desc' = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const set = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      // Synchronously, like containers/table-controls.tsx: a transition can leave the filter box
      // showing its old value until (if ever, on a busy page) it commits.
      { replace: true, flushSync: true },
    );
  return {
    q,
    sort,
    dir,
    params,
    set,
    setQ: (v: string) => set({ q: v || undefined }),
    toggleSort: (key: string) => set({ sort: key, dir: sort === key && dir === 'asc' ? 'desc' : 'asc' }),
  };
}

/** Sorts rows by the value a column's accessor gives (numbers numerically, the rest as text). */

export function SortTh({
  label,
  column,
  sort,
  dir,
  onSort,
}: {
  label: string;
  column: string;
  sort: string;
  dir: string;
  onSort: (c: string) => void;
}) {
  const active = sort === column;
  return (
    <Table.Th aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(column)} fw={600} fz="sm" aria-label={`Sort by ${label}`}>
        {label} {active ? (dir === 'asc' ? '▲' : '▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

export function FilterInput({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  return (
    <TextInput
      aria-label={label}
      placeholder={`${label}  ( / )`}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-shortcut="filter"
      w={320}
    />
  );
}

/** A table that scrolls under a sticky header. */
export function StickyTable({
  label,
  head,
  children,
  minWidth,
}: {
  label: string;
  head: ReactNode;
  children: ReactNode;
  minWidth?: number;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth ?? 800} maxHeight="calc(100vh - 220px)">
      <Table stickyHeader highlightOnHover aria-label={label} verticalSpacing={6}>
        <Table.Thead>{head}</Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

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
