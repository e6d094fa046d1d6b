import { Table, TextInput, UnstyledButton } from '@mantine/core';
import { useSearchParams } from 'react-router';

/** Filter text, sort and toggles of the images list, kept in the URL. */
export function useUrlState(defaultSort: string, defaultDir: 'asc' | 'desc' = 'asc') {
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
      // Synchronously, like containers/table-controls.tsx: a transition can leave the filter box
      // showing its old value until (if ever, on a busy page) it commits.
      { replace: true, flushSync: true },
    );
  const sort = params.get('sort') ?? defaultSort;
  const dir = (params.get('dir') as 'asc' | 'desc' | null) ?? defaultDir;
  return {
    params,
    set,
    q: params.get('q') ?? '',
    sort,
    dir,
    toggleSort: (column: string) => set({ sort: column, dir: sort === column && dir === 'desc' ? 'asc' : 'desc' }),
  };
}

export function SortHeader(props: { label: string; column: string; sort: string; dir: string; onSort: (c: string) => void; w?: number }) {
  const active = props.sort === props.column;
  return (
    <Table.Th w={props.w} aria-sort={active ? (props.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton fw={600} fz="sm" onClick={() => props.onSort(props.column)} aria-label={`Sort by ${props.label}`}>
        {props.label} {active ? (props.dir === 'asc' ? '▲' : '▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

export function FilterBox({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <TextInput
      aria-label={label}
      placeholder={`${label}  ( / )`}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-shortcut="filter"
      w={300}
    />
  );
}
