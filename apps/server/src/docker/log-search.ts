import type { LogSearch } from '@porthole/shared/logs';

/**
 * A predicate for a log search: plain text (substring) or a regular expression, case-sensitive
 * or not. Throws a readable error for an invalid regex.
 */
export function logMatcher(search: LogSearch | undefined): ((text: string) => boolean) | undefined {
  if (!search?.pattern) return undefined;
  if (search.regex) {
    let re: RegExp;
    try {
      re = new RegExp(search.pattern, search.caseSensitive ? '' : 'i');
    } catch (err) {
      throw new Error(`Invalid regular expression: ${(err as Error).message}`);
    }
    return (text) => re.test(text);
  }
  if (search.caseSensitive) return (text) => text.includes(search.pattern);
  const needle = search.pattern.toLowerCase();
  return (text) => text.toLowerCase().includes(needle);
}
