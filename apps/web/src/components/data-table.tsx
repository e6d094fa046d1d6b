import { Table, TextInput, UnstyledButton } from '@mantine/core';
import { PlainCheckbox } from './PlainCheckbox.tsx';
import { moveRowFocus } from './row-navigation.ts';
import { type ReactNode, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The one data table of every list view, with its state in the URL so a view is linkable.
 *
 *   const table = useTableState('name');               // ?q=…&sort=…&dir=…&sel=…, plus the view's own keys
 *   const rows = useSortedRows(filtered, ACCESSORS, table.sort, table.dir);
 *   <FilterInput label="Filter volumes" value={table.q} onChange={table.setQ} />
 *   <DataTable label="Volumes" head={<Table.Tr><SortTh label="Name" column="name" table={table} />…</Table.Tr>}>
 *     {rows.map((r) => <Table.Tr key={r.Name}>…</Table.Tr>)}
 *   </DataTable>
 *
 * * `table.get(key)` / `table.set({ key: value | undefined })`: any other URL key (a state filter, a toggle).
 * * Sorting: `SortTh` toggles `sort`/`dir` (a new column starts ascending); `useSortedRows` sorts by a
 *   column's accessor (numbers numerically, the rest as text).
 * * Selection: `table.selected` (a set of row ids, `?sel=a,b`), `table.select(id, on)`,
 *   `table.setSelected(ids)`; `SelectAllTh` selects the shown rows.
 * * `DataTable`: the `<table>` itself (sticky header; `scroll` for wide tables, `compact` for many columns);
 *   ↑/↓ move focus between its rows' links, Enter opens one (`row-navigation.ts`).
 */
export type TableState = ReturnType<typeof useTableState>;

type Patch = Record<string, string | undefined>;

export function useTableState(defaultSort: string, defaultDir: 'asc' | 'desc' = 'asc') {
  const [params, setParams] = useSearchParams();
  /** Sets or (with '' or undefined) removes URL parameters; a function gets the URL's parameters as they are then. */
  // From the address bar, not the router's `prev`: that is the parameters of the render that made
  // this setter, and a memoised row keeps an older one (a second row's selection dropped the first).
  const set = (patch: Patch | ((prev: URLSearchParams) => Patch)) =>
    setParams(
      () => {
        const next = new URLSearchParams(location.search);
        for (const [k, v] of Object.entries(typeof patch === 'function' ? patch(next) : patch)) {
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
  const dirParam = params.get('dir');
  const dir: 'asc' | 'desc' = dirParam === 'asc' || dirParam === 'desc' ? dirParam : defaultDir;
  const sel = params.get('sel') ?? '';
  const selected = useMemo(() => new Set(sel ? sel.split(',') : []), [sel]);
  const setSelected = (ids: Iterable<string>) => set({ sel: [...ids].join(',') || undefined });
  return {
    params,
    get: (key: string) => params.get(key) ?? '',
    set,
    q: params.get('q') ?? '',
    setQ: (v: string) => set({ q: v || undefined }),
    sort,
    dir,
    /** The same column again reverses the order; another starts at `first` (biggest first for usage columns). */
    toggleSort: (column: string, first: 'asc' | 'desc' = 'asc') =>
      set({ sort: column, dir: sort === column ? (dir === 'asc' ? 'desc' : 'asc') : first }),
    selected,
    setSelected,
    /** Selects or unselects one row (from the URL as it is then: a row's older copy of this works too). */
    select: (id: string, on: boolean) =>
      set((prev) => {
        const ids = new Set(prev.get('sel')?.split(','));
        ids[on ? 'add' : 'delete'](id);
        ids.delete('');
        return { sel: [...ids].join(',') };
      }),
  };
}

/** Rows sorted by a column's accessor: numbers numerically, the rest as text. */
/** Rows in the order of one column; rows without a value there (`undefined`) go last either way. */
export function useSortedRows<T>(
  rows: T[],
  accessors: Record<string, (row: T) => string | number | undefined>,
  sort: string,
  dir: 'asc' | 'desc',
): T[] {
  return useMemo(() => {
    const get = accessors[sort];
    if (!get) return rows;
    const sign = dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = get(a);
      const y = get(b);
      if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    });
  }, [rows, accessors, sort, dir]);
}

/** A sortable column header (`aria-sort`, a "Sort by …" button). */
export function SortTh({
  label,
  column,
  table,
  w,
  className,
  first,
}: {
  label: string;
  column: string;
  table: TableState;
  w?: number;
  className?: string;
  /** The order of the first click ('desc' for usage: the busiest first, as `docker stats` users look for). */
  first?: 'asc' | 'desc';
}) {
  const active = table.sort === column;
  return (
    <Table.Th w={w} className={className} aria-sort={active ? (table.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => table.toggleSort(column, first)} fw={600} fz="sm" aria-label={`Sort by ${label}`}>
        {/* A no-break space: the arrow never drops to a line of its own under a short label. */}
        {label}
        {'\u00a0'}
        {active ? (table.dir === 'asc' ? '▲' : '▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

/** The view's filter box (`/` focuses it); its value lives in the URL. */
export function FilterInput(props: { value: string; onChange: (v: string) => void; label: string; placeholder?: string }) {
  return (
    <TextInput
      aria-label={props.label}
      placeholder={props.placeholder ?? `${props.label}  ( / )`}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      data-shortcut="filter"
      w={300}
    />
  );
}

/** Sticky header offset: the app header's height. */
export const STICKY_OFFSET = 52;

/** A real `<table>` with a sticky header; `scroll` makes it scroll in its own box instead of the page. */
export function DataTable(props: {
  label: string;
  head: ReactNode;
  children: ReactNode;
  /** Scroll in a box of its own (wide tables) instead of under the app header. */
  scroll?: boolean;
  minWidth?: number;
  /** Many narrow columns: tighter cells, smaller text. */
  compact?: boolean;
}) {
  const table = (
    <Table
      stickyHeader
      stickyHeaderOffset={props.scroll ? undefined : STICKY_OFFSET}
      highlightOnHover
      aria-label={props.label}
      verticalSpacing={6}
      horizontalSpacing={props.compact ? 6 : undefined}
      fz={props.compact ? 'sm' : undefined}
    >
      <Table.Thead>{props.head}</Table.Thead>
      <Table.Tbody onKeyDown={moveRowFocus}>{props.children}</Table.Tbody>
    </Table>
  );
  // On a phone a wide table scrolls sideways in its own box, never the page (global.css `.table-box`).
  if (!props.scroll) return <div className="table-box">{table}</div>;
  return (
    <Table.ScrollContainer minWidth={props.minWidth ?? 800} maxHeight="calc(100vh - 220px)">
      {table}
    </Table.ScrollContainer>
  );
}

/** The select-all checkbox header: selects the rows shown (`ids`), or clears the selection. */
export function SelectAllTh({ table, ids }: { table: TableState; ids: string[] }) {
  const all = ids.length > 0 && ids.every((id) => table.selected.has(id));
  return (
    <Table.Th w={36}>
      <PlainCheckbox
        aria-label="Select all shown"
        checked={all}
        indeterminate={!all && ids.some((id) => table.selected.has(id))}
        onChange={(e) => table.setSelected(e.currentTarget.checked ? ids : [])}
      />
    </Table.Th>
  );
}
