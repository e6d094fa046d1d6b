import { Table, TextInput, UnstyledButton } from '@mantine/core';
import { useSearchParams } from 'react-router';

/** URL-kept view state (`?q=…&sort=…&dir=…` plus view-specific keys). */
export function useUrlState(defaultSort: string) {
  const [params, setParams] = useSearchParams();
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
      // Synchronously: a router update is otherwise a transition, and until it commits React puts
      // the controlled checkbox or filter box back to its old value (a click that does not stick
      // on a busy page, typed characters lost).
      { replace: true, flushSync: true },
    );
  const sort = params.get('sort') ?? defaultSort;
  const dir: 'asc' | 'desc' = params.get('dir') === 'desc' ? 'desc' : 'asc';
  return {
    get: (key: string) => params.get(key) ?? '',
    set,
    sort,
    dir,
    toggleSort: (key: string) => set({ sort: key, dir: sort === key && dir === 'asc' ? 'desc' : 'asc' }),
  };
}

export function SortTh({ label, column, state }: { label: string; column: string; state: ReturnType<typeof useUrlState> }) {
  const active = state.sort === column;
  return (
    <Table.Th aria-sort={active ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => state.toggleSort(column)} fw={600} fz="sm" aria-label={`Sort by ${label}`}>
        {label} {active ? (state.dir === 'asc' ? '▲' : '▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

/** The view's filter box (`/` focuses it); its value lives in the URL. */
export function FilterInput({
  value,
  onChange,
  label,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  placeholder?: string;
}) {
  return (
    <TextInput
      aria-label={label}
      placeholder={placeholder ?? `${label} (press /)`}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-shortcut="filter"
      w={280}
    />
  );
}

/** Sticky header offset: the app header's height. */
export const STICKY_OFFSET = 52;
