/**
 * `pnpm --filter @porthole/server bench:search`: the shared log matcher
 * (re2js) over 200,000 typical log lines (60–100 characters), per pattern: the time to test
 * every line (what a filtered download or backfill does), the slowest single line, and the time
 * to find the highlight ranges of every line. Then the catastrophic-backtracking patterns over
 * hostile lines. No engine needed.
 */
import { logMatcher } from '@porthole/shared/log-match';

const LINES = Number(process.env.BENCH_LINES ?? 200_000);
const LEVELS = ['INFO', 'WARN', 'ERROR', 'DEBUG'];
const lines: string[] = [];
for (let i = 0; i < LINES; i++) {
  const id = ((i * 2654435761) >>> 0).toString(16);
  lines.push(
    `12:${String(i % 60).padStart(2, '0')}:07 ${LEVELS[i % 4]} [worker-${i % 17}] request id=${id} path=/api/items/${i} took ${i % 997}ms`,
  );
}
const avg = lines.reduce((a, l) => a + l.length, 0) / lines.length;
console.log(`${LINES} lines, ${Math.round(avg)} characters on average`);

const searches: Array<[string, boolean, boolean]> = [
  ['ERROR', false, true],
  ['error', false, false],
  ['ERROR', true, true],
  ['error|warn', true, false],
  ['took \\d{3}ms$', true, true],
  ['worker-1[0-6]\\]', true, true],
  ['id=[0-9a-f]+ path=/api/items/\\d*7 ', true, true],
  ['\\bitems/42\\b', true, true],
  ['^((a+)+)+$', true, true],
  ['(a|aa)+$', true, true],
  ['(a*)*b', true, true],
  ['(x+x+)+y', true, true],
  ['^(\\w+\\s?)*$', true, true],
  ['(.*a){20}', true, true],
  ['(\\w+\\s?){1,300}$', true, true],
];

const ms = (t: number) => `${t.toFixed(0).padStart(5)} ms`;
function measure(label: string, input: string[], pattern: string, regex: boolean, caseSensitive: boolean) {
  const m = logMatcher({ pattern, regex, caseSensitive });
  if (!m) return;
  let n = 0;
  let worst = 0;
  const t0 = performance.now();
  for (const l of input) {
    const a = performance.now();
    if (m.test(l)) n++;
    worst = Math.max(worst, performance.now() - a);
  }
  const tested = performance.now() - t0;
  const t1 = performance.now();
  let ranges = 0;
  for (const l of input) ranges += m.ranges(l).length;
  const ranged = performance.now() - t1;
  const what = `${regex ? '/' : '"'}${pattern}${regex ? '/' : '"'}${caseSensitive ? '' : 'i'}`;
  console.log(
    `${label} ${what.padEnd(36)} test all ${ms(tested)} (slowest line ${worst.toFixed(2)} ms, ${n} match)   ranges all ${ms(ranged)} (${ranges})`,
  );
}

for (const [pattern, regex, cs] of searches) measure('typical', lines, pattern, regex, cs);

const hostile = [`${'a'.repeat(25)}!`, `${'a'.repeat(10_000)}!`, 'a'.repeat(100_000), `${'word '.repeat(4000)}!`, 'x'.repeat(20_000)];
const mixed = lines.slice(0, 20_000).concat(...Array.from({ length: 200 }, () => hostile));
console.log(`\nhostile: 20,000 typical lines + ${200 * hostile.length} hostile lines (25 a + !, 10k a + !, 100k a, 4000 words + !, 20k x)`);
for (const [pattern, regex, cs] of searches.slice(8)) measure('hostile', mixed, pattern, regex, cs);
