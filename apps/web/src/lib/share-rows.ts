import { replaceEqualDeep } from '@tanstack/react-query';

/**
 * Structural sharing for a list of rows with ids: each row that did not change keeps its object
 * across a refetch, matched by id rather than by index (the default). The engine lists containers
 * newest first, so one new container shifted every index and gave every row a new object: a
 * memoised row then rendered again anyway, all 240 of them for one `docker run`.
 */
export const shareRowsById =
  <T>(idOf: (row: T) => string) =>
  (old: unknown, next: unknown): unknown => {
    const prev = (old ?? []) as T[];
    const before = new Map(prev.map((r) => [idOf(r), r]));
    const rows = (next as T[]).map((r) => replaceEqualDeep(before.get(idOf(r)), r));
    // The same array when no row changed and none came or went.
    return rows.length === prev.length && rows.every((r, i) => r === prev[i]) ? old : rows;
  };
