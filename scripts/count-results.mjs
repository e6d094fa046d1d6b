// Prints "PASSED FAILED" for a vitest or Playwright JSON report (used by scripts/test.sh).
// A report that failed outside its tests (a failing hook, a crashed file) counts one failure more.
import fs from 'node:fs';

const [kind, file] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch {
  console.log('0 1');
  process.exit(0);
}

if (kind === 'vitest') {
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  // Suites that failed with no failing test in them: an error in beforeAll/afterAll or at import.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  failed += brokenFiles;
  if (failed === 0 && report.success === false) failed = 1;
  console.log(`${passed} ${failed}`);
} else if (kind === 'playwright') {
  const s = report.stats ?? {};
  const passed = (s.expected ?? 0) + (s.flaky ?? 0);
  let failed = s.unexpected ?? 0;
  if (failed === 0 && (report.errors ?? []).length > 0) failed = 1;
  console.log(`${passed} ${failed}`);
} else {
  console.error(`unknown report kind ${kind}`);
  process.exit(2);
}
