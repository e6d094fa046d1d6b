import { RE2JS, RE2JSSyntaxException } from 're2js';
import { patternSizeBound } from './log-pattern-size.ts';
import type { LogSearch } from './logs.ts';

/**
 * The one log matcher of server and browser: a search (plain text or a regular expression,
 * case-sensitive or not) tests a line and gives the ranges to highlight.
 *
 * A regular expression is matched by re2js (RE2: automata, no backtracking), in time linear in
 * the line: no pattern can make a line take exponential time as `^((a+)+)+$` does with the
 * JavaScript engine. Linear is still "line length × program size", so both are bounded:
 * the pattern's length and compiled size are limited, and a long line is searched only in its
 * first characters (see `testChars`). Plain text stays a substring search.
 */

/** The longest regular expression accepted. */
export const LOG_PATTERN_MAX_LENGTH = 500;
/** The largest compiled program accepted (RE2 instructions; `{n,m}` repetitions multiply). */
export const LOG_PATTERN_MAX_SIZE = 5_000;
/**
 * Work allowed on one line, in characters × (instructions + 64). RE2's slowest path (its NFA,
 * when the DFA gives up) costs ~11 ns per character and instruction here, plus a fixed ~50 ns
 * per character when it tracks where a match starts, so one line takes at most ~30 ms to test
 * and ~6 ms to highlight, whatever the pattern and the line.
 */
const TEST_WORK = 2_500_000;
const RANGE_WORK = 500_000;
const CHAR_OVERHEAD = 64;
/** Never search more than this much of a line (64 Ki characters), even for a tiny pattern. */
const MAX_LINE_CHARS = 65_536;
/** Highlight at most this many matches in one line, found within about this many ms. */
const MAX_RANGES = 500;
/** How many worst-case searches one line's highlighting may cost. */
const RANGE_SEARCHES = 4;

/** A search that cannot be run: the message says why, in words a user can act on. */
export class LogPatternError extends Error {
  override name = 'LogPatternError';
}

/** `[start, end)` of one match, in UTF-16 code units (string indices). */
export type MatchRange = [start: number, end: number];

export interface LogMatcher {
  /** True when the line matches. */
  test(text: string): boolean;
  /** The non-empty matches of the line, in order (at most 500; see the limits above). */
  ranges(text: string): MatchRange[];
  /** How much of a line `test` searches: a longer line matches only if its beginning does. */
  readonly testChars: number;
}

/** The matcher of a search, or undefined for no search. Throws a `LogPatternError` for a bad pattern. */
export function logMatcher(search: LogSearch | undefined): LogMatcher | undefined {
  if (!search?.pattern) return undefined;
  if (!search.regex) return textMatcher(search.pattern, !search.caseSensitive);
  return regexMatcher(compilePattern(search.pattern, !search.caseSensitive));
}

/** The readable error of a search, or undefined when it can run. */
export function logSearchError(search: LogSearch | undefined): string | undefined {
  try {
    logMatcher(search);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Compiles a regular expression for RE2, or throws a `LogPatternError` saying what is wrong. */
export function compilePattern(pattern: string, ignoreCase: boolean): RE2JS {
  const invalid = (why: string) => new LogPatternError(`Invalid regular expression: ${why}`);
  if (pattern.length > LOG_PATTERN_MAX_LENGTH) {
    throw invalid(`it is ${pattern.length} characters long; at most ${LOG_PATTERN_MAX_LENGTH} are allowed`);
  }
  const tooComplex = invalid(`its repetitions make it too large to search quickly (at most ${LOG_PATTERN_MAX_SIZE} steps)`);
  // Before compiling (a huge program takes RE2 ~1.5 µs an instruction to build): the bound
  // over-counts, hence twice the limit; the compiled size is checked exactly below.
  if (patternSizeBound(pattern) > LOG_PATTERN_MAX_SIZE * 2) throw tooComplex;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (err) {
    if (err instanceof RE2JSSyntaxException) throw invalid(syntaxMessage(err, pattern, ignoreCase));
    throw invalid((err as Error).message);
  }
  if (re.programSize() > LOG_PATTERN_MAX_SIZE) throw tooComplex;
  return re;
}

const LINEAR = '(linear-time matching)';

/** RE2's syntax error in words, naming the Perl/JavaScript features RE2 leaves out on purpose. */
function syntaxMessage(err: RE2JSSyntaxException, pattern: string, ignoreCase: boolean): string {
  // The case-insensitive flag is compiled as a `(?i)` prefix, which the user did not write.
  const at = ignoreCase && !pattern.startsWith('(?i)') ? (err.input ?? '').replace(/^\(\?i\)/, '') : (err.input ?? '');
  const unsupported = (what: string) => `${what} are not supported ${LINEAR}`;
  if (err.error === 'invalid escape sequence' && /^\\[1-9k]/.test(at)) return unsupported('backreferences');
  if (pattern.includes('(?P=')) return unsupported('backreferences');
  if (at.startsWith('(?=') || at.startsWith('(?!')) return unsupported('lookahead assertions');
  if (at.startsWith('(?<=') || at.startsWith('(?<!')) return unsupported('lookbehind assertions');
  if (at.startsWith('(?>')) return unsupported('atomic groups');
  if (err.error === 'invalid nested repetition operator' && at.endsWith('+')) return unsupported('possessive quantifiers');
  if (err.error === 'expression too large') return `its repetitions make it too large to search quickly`;
  return at ? `${err.error}: ${at}` : (err.error ?? err.message);
}

function regexMatcher(re: RE2JS): LogMatcher {
  const cost = re.programSize() + CHAR_OVERHEAD;
  const testChars = Math.min(MAX_LINE_CHARS, Math.floor(TEST_WORK / cost));
  const rangeChars = Math.min(MAX_LINE_CHARS, Math.floor(RANGE_WORK / cost));
  return {
    testChars,
    // The bound: a line is searched only in its first `testChars` characters (≥ 490), so that
    // one line never costs more than TEST_WORK, however long the line and large the pattern.
    test: (text) => re.test(text.length > testChars ? text.slice(0, testChars) : text),
    ranges(text) {
      const input = text.length > rangeChars ? text.slice(0, rangeChars) : text;
      const out: MatchRange[] = [];
      const m = re.matcher(input);
      // One search costs at most RANGE_WORK; a pattern whose every search scans the rest of the
      // line (`(x.*y)?x` on "xxxx…") would make many of them add up: stop once the searches could
      // have cost RANGE_SEARCHES × RANGE_WORK. Counted in work, not time, so that a busy machine
      // finds the same ranges as an idle one.
      let work = 0;
      let from = 0;
      while (out.length < MAX_RANGES && from <= input.length && work <= RANGE_SEARCHES * RANGE_WORK) {
        work += (input.length - from + 1) * cost;
        if (!m.find(from)) break;
        const start = m.start();
        const end = m.end();
        if (end > start) out.push([start, end]);
        from = end > start ? end : end + 1;
      }
      return out;
    },
  };
}

function textMatcher(pattern: string, ignoreCase: boolean): LogMatcher {
  const needle = ignoreCase ? pattern.toLowerCase() : pattern;
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  let quoted: LogMatcher | undefined;
  return {
    testChars: Number.POSITIVE_INFINITY,
    test: (text) => fold(text).includes(needle),
    ranges(text) {
      const hay = fold(text);
      // Lower-casing changed the length (e.g. "İ"): find the ranges in the original text with RE2.
      if (hay.length !== text.length) {
        quoted ??= regexMatcher(RE2JS.compile(RE2JS.quote(pattern), RE2JS.CASE_INSENSITIVE));
        return quoted.ranges(text);
      }
      const out: MatchRange[] = [];
      for (let i = hay.indexOf(needle); i >= 0 && out.length < MAX_RANGES; i = hay.indexOf(needle, i + needle.length)) {
        out.push([i, i + needle.length]);
      }
      return out;
    },
  };
}
