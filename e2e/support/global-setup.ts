import fs from 'node:fs';
import { docker } from './docker-cli.ts';
import { E2E } from './env.ts';
import { quietNetwork } from './quiet-network.ts';

/**
 * A fresh data dir per run (the admin password is the suite's own), and the container stats.spec
 * needs to have run for two minutes unwatched — started now, so the suite's other specs run during
 * those two minutes instead of the stats spec waiting them out. Removed by the teardown returned.
 * Container churn does not cut the browser's requests meanwhile (quiet-network.ts).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!E2E.external) fs.rmSync(E2E.dataDir, { recursive: true, force: true });
  fs.mkdirSync(E2E.screenshots, { recursive: true });
  const restoreNetwork = quietNetwork();
  const removeUnwatched = () => docker(['rm', '-f', E2E.unwatchedName]).catch(() => '');
  if (E2E.external) return async () => restoreNetwork();
  await removeUnwatched();
  await docker([
    'run',
    '-d',
    '--name',
    E2E.unwatchedName,
    '--label',
    'porthole.test=1',
    '--label',
    E2E.unwatchedLabel,
    '--cpus',
    '0.2',
    E2E.fixtureImage,
    'sh',
    '-c',
    'while :; do i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done; sleep 1; done',
  ]);
  return async () => {
    await removeUnwatched();
    restoreNetwork();
  };
}
