import { expect, test } from '@playwright/test';
import { cleanupRun, runFixture } from '../support/docker-cli.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

test.afterAll(async () => {
  await cleanupRun();
});

test('terminal: echo $((6*7)) prints 42, stty size follows the window, Ctrl-C interrupts sleep 100', async ({ page }) => {
  const id = await runFixture(`pt-e2e-term-${Date.now()}`);
  await signIn(page);
  await setTheme(page, 'dark');
  await page.goto(`/containers/${id}/terminal`);
  await expect(page.getByRole('status', { name: 'Terminal open' })).toBeVisible();
  const term = page.getByTestId('terminal');
  const screen = term.locator('.xterm-rows');
  const rows = () => screen.locator(':scope > div').allInnerTexts();
  const size = async () => (await rows()).map((r) => r.trim()).find((r) => /^\d+ \d+$/.test(r));
  await term.click();
  await page.keyboard.type('echo $((6*7))\n');
  await expect.poll(async () => (await rows()).map((r) => r.trim())).toContain('42');

  await page.keyboard.type('stty size\n');
  await expect.poll(size).toBeTruthy();
  const before = await size();
  await page.setViewportSize({ width: 900, height: 600 });
  await page.keyboard.type('clear; stty size\n');
  await expect.poll(size, { timeout: 5000 }).not.toBe(before);
  await expect.poll(size).toBeTruthy();
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.keyboard.type('clear; sleep 100\n');
  await page.waitForTimeout(300); // the shell must have started sleep before the interrupt
  await page.keyboard.press('Control+C');
  await page.keyboard.type('echo rc=$?\n');
  await expect(screen).toContainText('rc=130', { timeout: 3000 });
  await page.keyboard.type('echo $((6*7))\n');
  await expect(screen).toContainText('42');
  await screenshot(page, 'terminal-dark');
});
