import { execFileSync } from 'node:child_process';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { type Lab, labDown, labJoin, labUp } from '../../apps/server/test/engines-lab.ts';
import { docker } from './docker-cli.ts';
import { expectNoSidewaysScroll, screenshot, setTheme } from './session.ts';

/**
 * The lab's two-node Swarm for the swarm specs (scripts/engines-lab.sh: manager A, worker B, each a
 * dockerd in a network namespace of its own; the main engine's swarm is never touched). A lab that
 * was already up (another suite's) is used and left up; one a spec started is taken down at its end
 * unless PORTHOLE_LAB_KEEP=1.
 */
export const SWARM_ENGINE = 'swarm';
const LAB_NAMESPACES = /^phlab[ABTS]\b/m;
const labScript = () => new URL('../../scripts/engines-lab.sh', import.meta.url).pathname;
const labIsUp = () => LAB_NAMESPACES.test(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }));
const labSwarmUp = () => /A: up, swarm=active[\s\S]*B: up, swarm=active/.test(execFileSync(labScript(), ['status'], { encoding: 'utf8' }));

export interface SwarmLab {
  lab: Lab;
  startedLab: boolean;
  /** The docker CLI on the manager (A) or the worker (B), straight to its socket. */
  onA: (args: string[]) => Promise<string>;
  onB: (args: string[]) => Promise<string>;
}

export async function joinSwarmLab(): Promise<SwarmLab> {
  const startedLab = !labIsUp();
  const lab = startedLab || !labSwarmUp() ? await labUp() : await labJoin([]);
  return {
    lab,
    startedLab,
    onA: (args) => docker(args, { host: lab.manager }),
    onB: (args) => docker(args, { host: lab.worker }),
  };
}
export async function leaveSwarmLab(swarm: SwarmLab | undefined): Promise<void> {
  if (swarm?.startedLab && process.env.PORTHOLE_LAB_KEEP !== '1') await labDown();
}

/**
 * The lab for one spec file: joined before its tests, and after them `cleanUp` (what the spec made
 * on the nodes) then left, whether or not the clean-up held. `onA`/`onB` run the docker CLI on node A or B;
 * `manager()` is A's address for `POST /api/engines`.
 */
export function swarmLabForSpec(cleanUp: () => Promise<void>) {
  let swarm: SwarmLab | undefined;
  const lab = () => {
    if (!swarm) throw new Error('the swarm lab is not up');
    return swarm;
  };
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    swarm = await joinSwarmLab();
  });
  test.afterAll(async () => {
    test.setTimeout(120_000);
    if (!swarm) return;
    try {
      await cleanUp();
    } finally {
      await leaveSwarmLab(swarm);
    }
  });
  return {
    onA: (args: string[]) => lab().onA(args),
    onB: (args: string[]) => lab().onB(args),
    manager: () => lab().lab.manager,
  };
}

/** A promise's failure ignored (cleaning up what may not be there). */
export const quiet = <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

/** A Swarm view of the lab's engine. */
export const swarmView = (path: string) => `/engines/${SWARM_ENGINE}${path}`;

/**
 * The colour scheme for a screenshot: the header's toggle, or — while a dialog covers it — the
 * attribute Mantine's styles follow (the dialog stays open; the stored scheme is left alone).
 */
async function schemeForShot(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  if ((await page.getByRole('dialog').count()) === 0) return setTheme(page, scheme);
  await page.evaluate((s) => document.documentElement.setAttribute('data-mantine-color-scheme', s), scheme);
}

/** Light, dark and phone screenshots of what the page shows now (and no horizontal page scroll on a phone). */
export async function shots(page: Page, name: string, ready: Locator): Promise<void> {
  await screenshot(page, `${name}-light`);
  await schemeForShot(page, 'dark');
  await expect(ready).toBeVisible();
  await screenshot(page, `${name}-dark`);
  await schemeForShot(page, 'light');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(ready).toBeVisible();
  // Also waits out the navigation drawer sliding away (wider than the page while it moves).
  await expectNoSidewaysScroll(page);
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).not.toBeInViewport();
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Opens a view from the left navigation (an in-app navigation: no page load). */
export async function nav(page: Page, label: string): Promise<void> {
  // The link's name may end with its count badge ("Networks 6 networks").
  const link = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: new RegExp(`^${label}\\b`) });
  await link.click({ timeout: 10_000 });
  await expect(page.getByRole('heading', { level: 2, name: label })).toBeVisible();
}

export const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

/** Opens the scope's "CLI" disclosure and checks the docker command it shows. */
export async function expectCommand(scope: Locator, command: string | RegExp): Promise<void> {
  await scope.getByRole('button', { name: 'Show the docker command' }).click();
  await expect(scope).toContainText(command);
}

/** Opens Services → Create service, pastes a `docker service create` command and fills the form from it; the dialog. */
export async function serviceFormFrom(page: Page, command: string): Promise<Locator> {
  await nav(page, 'Services');
  await page.getByRole('button', { name: 'Create service' }).click();
  const create = dialog(page, 'Create service');
  await create.getByLabel('Paste a docker service create command').fill(command);
  await create.getByRole('button', { name: 'Fill form' }).click();
  return create;
}
