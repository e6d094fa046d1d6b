import type { LogSearch } from '@porthole/shared/logs';

/** The browser's side of a log search (the same rules as the server's `logMatcher`). */
export function searchMatcher(search: LogSearch | undefined): ((text: string) => boolean) | undefined {
  const re = searchRegex(search);
  return re ? (text) => re.test(text) : undefined;
}

/** A global RegExp for highlighting; undefined for no search, throws for an invalid regex. */
export function searchRegex(search: LogSearch | undefined, flags = ''): RegExp | undefined {
  if (!search?.pattern) return undefined;
  const source = search.regex ? search.pattern : search.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(source, `${search.caseSensitive ? '' : 'i'}${flags}`);
}
