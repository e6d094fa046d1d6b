import { type ChildProcess, spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '../support/test.ts';
import { BUILT_SERVER_ARGS, WEB_DIST } from '../../apps/server/test/built-server.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, signIn } from '../support/session.ts';

/**
 * Stopping and restarting an engine, on a second engine (scripts/engine2.sh) so the main one
 * keeps serving everything else. A second Porthole is started against it for this spec.
 */
const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const ENGINE2 = 'unix:///var/run/docker2.sock';
const port = E2E.port + 100;
const base = `http://127.0.0.1:${port}`;
const engine2 = (cmd: 'start' | 'stop') => run('bash', [path.join(repo, 'scripts/engine2.sh'), cmd]);

let server: ChildProcess | undefined;
let dataDir = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await engine2('start');
  const images = await docker(['images', '-q', E2E.fixtureImage], { host: ENGINE2 });
  if (!images) {
    await run('bash', ['-c', `docker save ${E2E.fixtureImage} | DOCKER_HOST=${ENGINE2} docker load`]);
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-e2e-engine2-'));
  // The built server, like the suite's own (playwright.config.ts has built it).
  server = spawn('node', BUILT_SERVER_ARGS, {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DOCKER_HOST: ENGINE2,
      PORTHOLE_DATA_DIR: dataDir,
      PORTHOLE_ADMIN_PASSWORD: E2E.password,
      PORTHOLE_WEB_DIST: WEB_DIST,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => undefined))?.status, { timeout: 90_000 }).toBe(200);
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await engine2('start');
  await expect
    .poll(
      () =>
        cleanupRun(ENGINE2).then(
          () => true,
          () => false,
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('engine stop shows disconnected; restart recovers and resumes events with since', async ({ page }) => {
  test.setTimeout(120_000);
  const name = `pt-e2e-always-${Date.now()}`;
  await runFixture(name, ['--restart', 'always'], ['sleep', '3600'], ENGINE2);

  await signIn(page, base);
  const state = page.getByTestId('engine-state');
  await expect(state).toHaveAttribute('data-state', 'connected');

  await engine2('stop');
  await expect(state).toHaveAttribute('data-state', 'engine-down');
  await expect(state).toContainText('disconnected');
  await screenshot(page, 'overview-engine-disconnected');

  // The engine restarts the restart=always container as it boots, before Porthole reconnects:
  // that `start` event must still reach the page (the event stream resumes with `since`).
  await engine2('start');
  await expect(state).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  const recent = page.getByRole('table', { name: 'Recent engine events' });
  // Restoring containers can take several seconds after the socket answers on a busy machine.
  await expect(
    recent
      .getByRole('row')
      .filter({ hasText: name })
      .filter({ has: page.getByRole('cell', { name: 'start', exact: true }) }),
  ).not.toHaveCount(0, { timeout: 45_000 });
  // And the counts were refetched without a reload.
  await expect(page.getByTestId('count-running')).toHaveText(
    (await docker(['info', '--format', '{{.ContainersRunning}}'], { host: ENGINE2 })).trim(),
  );
});
