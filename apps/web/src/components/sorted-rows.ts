import { useMemo } from 'react';

/** Rows sorted by a column's accessor: numbers numerically, the rest as text. Used by every list view. */
export function useSortedRows<T>(
  rows: T[],
  accessors: Record<string, (row: T) => string | number>,
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
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    });
  }, [rows, accessors, sort, dir]);
}
