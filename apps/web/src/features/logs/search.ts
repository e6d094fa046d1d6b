import { type LogMatcher, logMatcher } from '@porthole/shared/log-match';
import type { LogSearch } from '@porthole/shared/logs';

/**
 * The browser's side of a log search: the same matcher as the server's (`@porthole/shared/
 * log-match`: substring search, or RE2 in linear time), so a pattern behaves, highlights and
 * fails alike in both, and no pattern can freeze the tab.
 */
export interface CompiledSearch {
  /** The search to send to the server; undefined when empty or invalid. */
  search?: LogSearch;
  /** Tests and highlights lines; undefined when empty or invalid. */
  matcher?: LogMatcher;
  /** Why the pattern cannot be searched (shown under the search box). */
  error?: string;
}

export function compileSearch(q: string, regex: boolean, caseSensitive: boolean): CompiledSearch {
  if (!q) return {};
  const search: LogSearch = { pattern: q, regex, caseSensitive };
  try {
    return { search, matcher: logMatcher(search) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** A piece of a highlighted text: plain, or a match (`mark`). */
export type Segment = { text: string; mark: boolean; at: number };

/** The text cut at the matches of the search, for `<mark>`ing them. */
export function highlightSegments(text: string, matcher: LogMatcher | undefined): Segment[] {
  const ranges = matcher?.ranges(text) ?? [];
  const out: Segment[] = [];
  let last = 0;
  for (const [start, end] of ranges) {
    if (start > last) out.push({ text: text.slice(last, start), mark: false, at: last });
    out.push({ text: text.slice(start, end), mark: true, at: start });
    last = end;
  }
  if (last < text.length || out.length === 0) out.push({ text: text.slice(last), mark: false, at: last });
  return out;
}
