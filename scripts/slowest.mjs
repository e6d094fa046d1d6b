// Prints the slowest server test files and e2e specs of a scripts/test.sh run (its .ci/out reports),
// so the tail of a CI log says where the time went. Usage: node scripts/slowest.mjs .ci/out
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.ci/out';
const read = (name) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  } catch {
    return undefined;
  }
};
const top = (label, rows) => {
  if (rows.length === 0) return;
  rows.sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((n, [, s]) => n + s, 0);
  console.log(`\n==> Slowest ${label} (of ${total.toFixed(0)} s)`);
  for (const [name, s] of rows.slice(0, 10)) console.log(`  ${s.toFixed(0).padStart(5)} s  ${name}`);
};

const server = read('vitest-server.json');
if (server)
  top(
    'server test files',
    (server.testResults ?? []).map((f) => [path.basename(f.name), (f.endTime - f.startTime) / 1000]),
  );

const specs = (suite) => (suite.specs ?? []).concat((suite.suites ?? []).flatMap(specs));
for (const name of ['e2e.json', 'classroom.json']) {
  const report = read(name);
  if (!report) continue;
  const perFile = new Map();
  for (const spec of (report.suites ?? []).flatMap(specs)) {
    const ms = spec.tests.flatMap((t) => t.results).reduce((n, r) => n + (r.duration ?? 0), 0);
    perFile.set(spec.file, (perFile.get(spec.file) ?? 0) + ms / 1000);
  }
  top(`${name.replace('.json', '')} spec files`, [...perFile]);
}
