import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { E2E } from './env.ts';

const run = promisify(execFile);

/**
 * The real docker CLI through Porthole with an API token (`HttpHeaders` in its config.json, as a
 * user sets it up): its exit code, stdout and stderr.
 */
export async function dockerWithToken(token: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-e2e-cli-'));
  try {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ HttpHeaders: { Authorization: `Bearer ${token}` } }));
    const host = `tcp://127.0.0.1:${new URL(E2E.baseURL).port}/api/engines/local/docker`;
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_CONFIG: dir, DOCKER_HOST: host };
    const { stdout, stderr } = await run('docker', args, { env });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: err.stdout ?? '', err: err.stderr ?? '' };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A same-origin fetch from the page (the browser adds the session cookie and the Origin). */
export function pageFetch(page: Page, url: string, method = 'GET', body?: unknown): Promise<{ status: number; text: string }> {
  return page.evaluate(
    async ({ url, method, body }) => {
      const res = await fetch(url, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, text: await res.text() };
    },
    { url, method, body },
  );
}

/** Records when each websocket of the page closes (`window.__wsClosed`), from the browser's own clock. */
export async function recordSocketCloses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __wsClosed: { url: string; at: number }[] };
    w.__wsClosed = [];
    const Native = window.WebSocket;
    class Recorded extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('close', () => w.__wsClosed.push({ url: String(url), at: Date.now() }));
      }
    }
    window.WebSocket = Recorded;
  });
}

export function socketCloses(page: Page): Promise<{ url: string; at: number }[]> {
  return page.evaluate(() => (window as unknown as { __wsClosed: { url: string; at: number }[] }).__wsClosed);
}

/**
 * A page signed in as a new user of `role`, made by the admin signed in on `admin` (REST), with the
 * password the user is made to change first already changed. `remove()` deletes the user.
 */
export async function pageAsNewUser(
  browser: Browser,
  admin: Page,
  role: 'viewer' | 'operator',
): Promise<{ page: Page; remove: () => Promise<void> }> {
  const as = { username: `${role}-${Date.now().toString(36)}`, password: `first-${Math.random().toString(36).slice(2)}-pass` };
  const made = await pageFetch(admin, '/api/users', 'POST', { ...as, role });
  if (made.status !== 201 && made.status !== 200) throw new Error(`creating ${as.username}: ${made.status} ${made.text}`);
  const { id } = JSON.parse(made.text) as { id: string };
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const page = await context.newPage();
  await page.goto('/login');
  const signedIn = await pageFetch(page, '/api/auth/login', 'POST', as);
  if (signedIn.status !== 200) throw new Error(`signing in as ${as.username}: ${signedIn.status} ${signedIn.text}`);
  const changed = await pageFetch(page, '/api/auth/password', 'POST', { currentPassword: as.password, newPassword: `${as.password}-own` });
  if (changed.status >= 300) throw new Error(`changing ${as.username}'s password: ${changed.status} ${changed.text}`);
  return {
    page,
    remove: async () => {
      await context.close();
      await pageFetch(admin, `/api/users/${id}`, 'DELETE');
    },
  };
}
