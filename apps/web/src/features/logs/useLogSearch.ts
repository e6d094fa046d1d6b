import { useDebouncedValue } from '@mantine/hooks';
import type { LogSearch } from '@porthole/shared/logs';
import { useCallback, useMemo, useRef } from 'react';
import type { LogQuery } from './follow-container-log.ts';
import type { LogBuffer } from './log-buffer.ts';
import type { LogSettings } from './LogToolbar.tsx';
import { searchRegex } from './search.ts';

/** The search and its highlight regex, the same objects while the inputs stay (memoised rows compare them). */
export function useSearch(q: string, regex: boolean, caseSensitive: boolean) {
  return useMemo(() => {
    const search: LogSearch | undefined = q ? { pattern: q, regex, caseSensitive } : undefined;
    let highlight: RegExp | undefined;
    let error: string | undefined;
    try {
      highlight = searchRegex(search, 'g');
    } catch (err) {
      error = (err as Error).message;
    }
    return { search: error ? undefined : search, highlight, error };
  }, [q, regex, caseSensitive]);
}

/**
 * The toolbar's search (to highlight) and the log query it makes: range, and in "only matching"
 * mode the filter, debounced (it is applied on the server, so the log is read again).
 */
export function useLogQuery(settings: LogSettings) {
  const { search, highlight, error } = useSearch(settings.q, settings.regex, settings.caseSensitive);
  const [filter] = useDebouncedValue(settings.mode === 'filter' ? search : undefined, 300);
  const query: LogQuery = useMemo(
    () => ({ tail: settings.tail, since: settings.since || undefined, until: settings.until || undefined, filter }),
    [settings.tail, settings.since, settings.until, filter],
  );
  return { query, highlight, searchError: error };
}

/** Enter / Shift+Enter in the search box: scroll to the next / previous matching line. */
export function useMatchJump(buffer: LogBuffer, highlight: RegExp | undefined) {
  const jump = useRef<(i: number) => void>(undefined);
  const cursor = useRef(-1);
  const nextMatch = useCallback(
    (backwards: boolean) => {
      if (!highlight) return;
      const texts = buffer.texts;
      const re = new RegExp(highlight.source, highlight.flags.replace('g', ''));
      const n = texts.length;
      for (let k = 1; k <= n; k++) {
        const i = (((cursor.current + (backwards ? -k : k)) % n) + n) % n;
        if (re.test(texts[i] as string)) {
          cursor.current = i;
          jump.current?.(i);
          return;
        }
      }
    },
    [buffer, highlight],
  );
  return { jump, nextMatch };
}
