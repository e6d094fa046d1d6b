import { describe, expect, it } from 'vitest';
import { compileSearch, highlightSegments } from './search.ts';

const marks = (text: string, q: string, regex = true, caseSensitive = false) =>
  highlightSegments(text, compileSearch(q, regex, caseSensitive).matcher)
    .filter((s) => s.mark)
    .map((s) => s.text);

describe('log search in the browser (the shared matcher)', () => {
  it('compiles a search, or says why it cannot', () => {
    expect(compileSearch('', true, false)).toEqual({});
    const ok = compileSearch('err(or)?', true, false);
    expect(ok.search).toEqual({ pattern: 'err(or)?', regex: true, caseSensitive: false });
    expect(ok.matcher?.test('An ERROR')).toBe(true);
    expect(ok.error).toBeUndefined();
    expect(compileSearch('(a)\\1', true, false)).toEqual({
      error: 'Invalid regular expression: backreferences are not supported (linear-time matching)',
    });
    expect(compileSearch('(?<!x)y', true, true).error).toBe(
      'Invalid regular expression: lookbehind assertions are not supported (linear-time matching)',
    );
    expect(compileSearch('(', true, false).error).toBe('Invalid regular expression: missing closing ): (');
    // The same text as plain text is fine.
    expect(compileSearch('(', false, false).matcher?.test('f(x)')).toBe(true);
  });

  it('cuts a line at its matches for highlighting', () => {
    expect(highlightSegments('GET /a took 12ms, 7ms', compileSearch('\\d+ms', true, false).matcher)).toEqual([
      { text: 'GET /a took ', mark: false, at: 0 },
      { text: '12ms', mark: true, at: 12 },
      { text: ', ', mark: false, at: 16 },
      { text: '7ms', mark: true, at: 18 },
    ]);
    expect(highlightSegments('no match', compileSearch('zz', false, false).matcher)).toEqual([{ text: 'no match', mark: false, at: 0 }]);
    expect(highlightSegments('plain', undefined)).toEqual([{ text: 'plain', mark: false, at: 0 }]);
    expect(marks('Warn warn WARN', 'warn', false, true)).toEqual(['warn']);
    expect(marks('Warn warn WARN', 'warn', false, false)).toEqual(['Warn', 'warn', 'WARN']);
    expect(marks('😀 état ÉTAT', 'état', true, false)).toEqual(['état', 'ÉTAT']);
  });

  it('highlights a catastrophic-backtracking pattern on a hostile line at once', () => {
    const line = `${'a'.repeat(25)}!`;
    for (const q of ['^((a+)+)+$', '(a|aa)+$', '(a*)*b', '(x+x+)+y', '^(\\w+\\s?)*$', '(.*a){20}']) {
      const t0 = performance.now();
      const segments = highlightSegments(line, compileSearch(q, true, false).matcher);
      expect(segments.map((s) => s.text).join('')).toBe(line);
      expect(performance.now() - t0, q).toBeLessThan(50);
    }
    expect(marks(line, '(.*a){20}')).toEqual(['a'.repeat(25)]);
  });
});
