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
  await term.click();
  await page.keyboard.type('echo $((6*7))\n');
  await expect(screen).toContainText(/^42$/m);
  await expect(screen.getByText('42', { exact: true })).toBeVisible();

  await page.keyboard.type('stty size\n');
  await expect.poll(async () => (await screen.innerText()).match(/^(\d+) (\d+)$/m)?.[0]).toBeTruthy();
  const before = (await screen.innerText()).match(/^(\d+) (\d+)$/m)?.[0];
  await page.setViewportSize({ width: 900, height: 600 });
  await page.keyboard.type('clear; stty size\n');
  await expect.poll(async () => (await screen.innerText()).match(/^(\d+) (\d+)$/m)?.[0], { timeout: 5000 }).not.toBe(before);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.keyboard.type('clear; sleep 100; echo done-$?\n');
  await page.waitForTimeout(300); // the shell must have started sleep before the interrupt
  await page.keyboard.press('Control+C');
  await expect(screen).toContainText('done-130', { timeout: 3000 });
  await page.keyboard.type('echo $((6*7))\n');
  await expect(screen).toContainText('42');
  await screenshot(page, 'terminal-dark');
});
