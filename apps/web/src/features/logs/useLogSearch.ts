import { useDebouncedValue } from '@mantine/hooks';
import type { LogMatcher } from '@porthole/shared/log-match';
import { useCallback, useMemo, useRef } from 'react';
import type { LogQuery } from './follow-container-log.ts';
import type { LogBuffer } from './log-buffer.ts';
import type { LogSettings } from './LogToolbar.tsx';
import { compileSearch } from './search.ts';

/** The search and its matcher, the same objects while the inputs stay (memoised rows compare them). */
export function useSearch(q: string, regex: boolean, caseSensitive: boolean) {
  return useMemo(() => compileSearch(q, regex, caseSensitive), [q, regex, caseSensitive]);
}

/**
 * The toolbar's search (to highlight) and the log query it makes: range, and in "only matching"
 * mode the filter, debounced (it is applied on the server, so the log is read again).
 */
export function useLogQuery(settings: LogSettings) {
  const { search, matcher, error } = useSearch(settings.q, settings.regex, settings.caseSensitive);
  const [filter] = useDebouncedValue(settings.mode === 'filter' ? search : undefined, 300);
  const query: LogQuery = useMemo(
    () => ({ tail: settings.tail, since: settings.since || undefined, until: settings.until || undefined, filter }),
    [settings.tail, settings.since, settings.until, filter],
  );
  return { query, highlight: matcher, searchError: error };
}

/** How long the jump to a match searches before letting the page render (then it goes on). */
const JUMP_SLICE_MS = 20;

/**
 * Enter / Shift+Enter in the search box: scroll to the next / previous matching line. A long
 * buffer is searched in slices of JUMP_SLICE_MS, so the tab stays responsive; a new jump (or a
 * new search) cancels the one under way.
 */
export function useMatchJump(buffer: LogBuffer, matcher: LogMatcher | undefined) {
  const jump = useRef<(i: number) => void>(undefined);
  const cursor = useRef(-1);
  const run = useRef(0);
  const nextMatch = useCallback(
    (backwards: boolean) => {
      const token = ++run.current;
      if (!matcher) return;
      const texts = buffer.texts;
      const n = texts.length;
      const from = cursor.current;
      let k = 1;
      const slice = () => {
        if (token !== run.current) return;
        const until = performance.now() + JUMP_SLICE_MS;
        for (; k <= n; k++) {
          const i = (((from + (backwards ? -k : k)) % n) + n) % n;
          if (matcher.test(texts[i] as string)) {
            cursor.current = i;
            jump.current?.(i);
            return;
          }
          if (performance.now() > until) {
            k++;
            setTimeout(slice, 0);
            return;
          }
        }
      };
      slice();
    },
    [buffer, matcher],
  );
  return { jump, nextMatch };
}
