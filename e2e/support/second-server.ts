import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { BUILT_SERVER_ARGS, WEB_DIST } from '../../apps/server/test/built-server.ts';
import { E2E } from './env.ts';

export interface SecondServer {
  base: string;
  close(): Promise<void>;
}

/**
 * Another built Porthole on `port` with its own data dir and environment (e.g. a DOCKER_HOST
 * pointing at a test proxy in front of the engine); the suite's admin password signs in.
 */
export async function startSecondServer(port: number, env: Record<string, string>): Promise<SecondServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-e2e-second-'));
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn('node', BUILT_SERVER_ARGS, {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PORTHOLE_DATA_DIR: dataDir,
      PORTHOLE_ADMIN_PASSWORD: E2E.password,
      PORTHOLE_WEB_DIST: WEB_DIST,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: 'ignore',
  });
  await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => undefined))?.status, { timeout: 60_000 }).toBe(200);
  return {
    base,
    close: async () => {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
