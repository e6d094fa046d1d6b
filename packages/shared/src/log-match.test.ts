import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { LOG_PATTERN_MAX_LENGTH, LOG_PATTERN_MAX_SIZE, LogPatternError, logMatcher, logSearchError } from './log-match.ts';
import { patternSizeBound } from './log-pattern-size.ts';

const regex = (pattern: string, caseSensitive = true) => {
  const m = logMatcher({ pattern, regex: true, caseSensitive });
  if (!m) throw new Error('no matcher');
  return m;
};
const text = (pattern: string, caseSensitive = false) => {
  const m = logMatcher({ pattern, caseSensitive });
  if (!m) throw new Error('no matcher');
  return m;
};
/** A matcher's ranges in a line, written `start-end`. */
const spans = (m: ReturnType<typeof text>, line: string) => m.ranges(line).map(([start, end]) => `${start}-${end}`);

describe('logMatcher: plain text', () => {
  it('is a substring search, case-insensitive unless asked', () => {
    expect(logMatcher(undefined)).toBeUndefined();
    expect(logMatcher({ pattern: '' })).toBeUndefined();
    expect(text('ERR').test('an error')).toBe(true);
    expect(text('ERR', true).test('an error')).toBe(false);
    expect(text('ERR', true).test('an ERROR')).toBe(true);
    // Regex characters are plain characters here.
    expect(text('a.c(').test('xa.c(y')).toBe(true);
    expect(text('a.c(').test('abc(')).toBe(false);
    expect(text('(a+)+$').test('x(a+)+$')).toBe(true);
  });

  it('gives every match as a range', () => {
    expect(spans(text('ab'), 'xABabxab')).toEqual(['1-3', '3-5', '6-8']);
    expect(spans(text('ab', true), 'xABabxab')).toEqual(['3-5', '6-8']);
    expect(spans(text('aa'), 'aaaaa')).toEqual(['0-2', '2-4']);
    expect(text('zz').ranges('abc')).toEqual([]);
    // Lower-casing "İ" makes two characters: ranges are still indices of the original text.
    expect(spans(text('x'), 'İx')).toEqual(['1-2']);
  });

  it('highlights at most 500 matches of a line', () => {
    expect(text('a').ranges('a'.repeat(2000))).toHaveLength(500);
  });
});

describe('logMatcher: regular expressions (RE2 syntax)', () => {
  it('tests unanchored, with or without case', () => {
    expect(regex('^\\d+7$').test('1237')).toBe(true);
    expect(regex('^\\d+7$').test('12378')).toBe(false);
    expect(regex('err(or)?').test('an ERROR')).toBe(false);
    expect(regex('err(or)?', false).test('an ERROR')).toBe(true);
    expect(regex('(?i)err').test('ERR')).toBe(true);
    expect(regex('\\bid=[0-9a-f]{4}\\b').test('request id=beef path=/')).toBe(true);
    expect(regex('(?P<lvl>WARN|ERROR) \\[w').test('12:00 WARN [worker-1]')).toBe(true);
  });

  it('gives the ranges of the matches in string indices (also after astral characters)', () => {
    expect(spans(regex('\\d+'), 'a1b22c333')).toEqual(['1-2', '3-5', '6-9']);
    expect(spans(regex('a', false), '😀A€a')).toEqual(['2-3', '4-5']);
    // Empty matches are not ranges, and do not stop the search.
    expect(spans(regex('x*'), 'axxbx')).toEqual(['1-3', '4-5']);
    expect(regex('^').ranges('abc')).toEqual([]);
  });

  it('refuses a pattern longer than the limit, saying so', () => {
    const long = 'a'.repeat(LOG_PATTERN_MAX_LENGTH + 1);
    expect(() => regex(long)).toThrow(LogPatternError);
    expect(logSearchError({ pattern: long, regex: true })).toBe(
      `Invalid regular expression: it is ${LOG_PATTERN_MAX_LENGTH + 1} characters long; at most ${LOG_PATTERN_MAX_LENGTH} are allowed`,
    );
    expect(logSearchError({ pattern: 'a'.repeat(LOG_PATTERN_MAX_LENGTH), regex: true })).toBeUndefined();
    // Plain text is no danger: only the message schema bounds it.
    expect(logSearchError({ pattern: long })).toBeUndefined();
  });

  it('names what RE2 does not support, and why', () => {
    const cases: Array<[string, string]> = [
      ['(a)\\1', 'backreferences are not supported (linear-time matching)'],
      ['(?<x>a)\\k<x>', 'backreferences are not supported (linear-time matching)'],
      ['(?P<x>a)(?P=x)', 'backreferences are not supported (linear-time matching)'],
      ['foo(?=bar)', 'lookahead assertions are not supported (linear-time matching)'],
      ['foo(?!bar)', 'lookahead assertions are not supported (linear-time matching)'],
      ['(?<=foo)bar', 'lookbehind assertions are not supported (linear-time matching)'],
      ['(?<!foo)bar', 'lookbehind assertions are not supported (linear-time matching)'],
      ['(?>a+)b', 'atomic groups are not supported (linear-time matching)'],
      ['a++b', 'possessive quantifiers are not supported (linear-time matching)'],
      ['(', 'missing closing ): ('],
      ['a{1001}', 'invalid repeat count: {1001}'],
      ['[z-a]', 'invalid character class range: z-a'],
    ];
    for (const [pattern, why] of cases) {
      expect(logSearchError({ pattern, regex: true }), pattern).toBe(`Invalid regular expression: ${why}`);
    }
    expect(logSearchError({ pattern: '(', regex: false })).toBeUndefined();
  });

  it('refuses a pattern whose repetitions compile to a huge program, before compiling it', () => {
    const huge = '(\\w+\\s?){1,1000}'.repeat(25);
    expect(logSearchError({ pattern: huge, regex: true })).toMatch(/too large to search quickly/);
    expect(fastestOf3(() => logSearchError({ pattern: huge, regex: true }))).toBeLessThan(20);
    expect(logSearchError({ pattern: '(\\w+\\s?){1,1000}', regex: true })).toMatch(/too large/);
    expect(logSearchError({ pattern: '(\\w+\\s?){1,500}', regex: true })).toBeUndefined();
  });

  it('bounds the program size from the text at or above what RE2 compiles', () => {
    const patterns = ['abc', '(\\w+\\s?){1,100}$', '[[:alpha:]]{2,300}y', '(a|b)*a(a|b){20}', '\\Qa.b\\E{3}', 'x{5,}', '(?:ab|cd){2,9}'];
    for (const p of patterns) {
      expect(patternSizeBound(p), p).toBeGreaterThanOrEqual(RE2JS.compile(p).programSize() - 2);
    }
    expect(patternSizeBound('(\\w+\\s?){1,500}')).toBeLessThanOrEqual(LOG_PATTERN_MAX_SIZE);
  });
});

describe('logMatcher: catastrophic backtracking patterns run in linear time', () => {
  const patterns = ['^((a+)+)+$', '(a|aa)+$', '(a*)*b', '(x+x+)+y', '^(\\w+\\s?)*$', '(.*a){20}'];
  const hostile = [
    `${'a'.repeat(25)}!`,
    `${'a'.repeat(5000)}!`,
    'x'.repeat(5000),
    `${'word '.repeat(2000)}!`,
    'a'.repeat(100_000),
    `${'ab'.repeat(3000)}c`,
  ];

  it.each(patterns)('%s answers within a few ms per line', (pattern) => {
    for (const caseSensitive of [true, false]) {
      const m = regex(pattern, caseSensitive);
      // Backtracking would take seconds to years on these lines; linear matching takes a few ms.
      // The fastest of three runs is timed, so a busy machine's scheduling does not count (and
      // the first run warms up the JIT).
      for (const line of hostile) {
        const tested = fastestOf3(() => m.test(line));
        const ranged = fastestOf3(() => m.ranges(line));
        // A backtracking engine takes seconds to years here; 200 ms leaves room for a CI machine
        // running the other suites at the same time (66 ms seen there for 5,000 characters).
        expect(tested, `${pattern} test on ${line.slice(0, 12)}… (${line.length})`).toBeLessThan(200);
        expect(ranged, `${pattern} ranges on ${line.slice(0, 12)}… (${line.length})`).toBeLessThan(200);
      }
    }
  });

  it('finds what the pattern means on the hostile lines', () => {
    expect(regex('^((a+)+)+$').test(`${'a'.repeat(25)}!`)).toBe(false);
    expect(regex('^((a+)+)+$').test('a'.repeat(25))).toBe(true);
    expect(regex('(a|aa)+$').ranges(`${'a'.repeat(25)}!`)).toEqual([]);
    expect(regex('(x+x+)+y').test('x'.repeat(5000))).toBe(false);
    expect(regex('(x+x+)+y').test('xxxy')).toBe(true);
  });

  it('searches only the beginning of a very long line (the bound per line)', () => {
    const m = regex('needle');
    expect(m.testChars).toBeGreaterThan(30_000);
    expect(m.test(`${'a'.repeat(1000)}needle`)).toBe(true);
    expect(m.test(`${'a'.repeat(m.testChars)}needle`)).toBe(false);
    expect(m.test(`${'a'.repeat(m.testChars - 6)}needle`)).toBe(true);
    // Plain text has no such limit.
    expect(text('needle').test(`${'a'.repeat(70_000)}needle`)).toBe(true);
  });
});

/** The shortest of three timed runs of `work`, in ms. */
function fastestOf3(work: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    work();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
