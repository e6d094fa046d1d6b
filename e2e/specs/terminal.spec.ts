import type { Page } from '@playwright/test';
import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

test.afterAll(async () => {
  await cleanupRun();
});

/** Signs in and opens a container's terminal page (light theme); the terminal websockets it opens, as they open. */
async function openTerminalPage(page: Page, id: string): Promise<string[]> {
  const sockets: string[] = [];
  page.on('websocket', (ws) => {
    if (ws.url().includes('/terminal')) sockets.push(ws.url());
  });
  await signIn(page);
  await setTheme(page, 'light');
  await page.goto(`/containers/${id}/terminal`);
  return sockets;
}

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
  // The shell must have started sleep before the interrupt.
  await expect.poll(async () => docker(['exec', id, 'ps', '-o', 'args'])).toContain('sleep 100');
  await page.keyboard.press('Control+C');
  await page.keyboard.type('echo rc=$?\n');
  await expect(screen).toContainText('rc=130', { timeout: 3000 });
  await page.keyboard.type('echo $((6*7))\n');
  await expect(screen).toContainText('42');
  await screenshot(page, 'terminal-dark');
});

test('terminal: the command is split like a shell; one that cannot be split is refused in the page', async ({ page }) => {
  const id = await runFixture(`pt-e2e-termcmd-${Date.now()}`);
  const sockets = await openTerminalPage(page, id);
  await expect(page.getByRole('status', { name: 'Terminal open' })).toBeVisible();
  const command = page.getByRole('textbox', { name: 'Command' });
  const screen = page.getByTestId('terminal').locator('.xterm-rows');

  await command.fill(`sh -c "printf '[%s]' 'a b' c; echo; exit 3"`);
  await page.getByRole('button', { name: 'Restart session' }).click();
  await expect(screen).toContainText('[a b][c]');
  await expect(page.getByRole('alert')).toHaveText('The process exited with code 3');
  await expect(page.getByRole('status', { name: 'Terminal closed' })).toBeVisible();

  const opened = sockets.length;
  await command.fill('sh -c "echo unterminated');
  await page.getByRole('button', { name: 'Reconnect' }).click();
  const invalid = page.getByRole('alert').filter({ hasText: 'Invalid command' });
  await expect(invalid).toContainText('Unterminated double quote (the " at character 7 is never closed)');
  await expect(command).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'terminal-invalid-command');
  expect(sockets.length).toBe(opened);

  // Typing clears the error; a link with a command that cannot be split starts no exec either.
  await command.fill('sh');
  await expect(invalid).toBeHidden();
  await page.goto(`/containers/${id}/terminal?cmd=${encodeURIComponent("sh -c 'oops")}`);
  await expect(page.getByRole('alert').filter({ hasText: 'This command cannot be run' })).toContainText('Unterminated single quote');
  await expect(page.getByRole('status', { name: 'Terminal closed' })).toBeVisible();
  expect(sockets.length).toBe(opened);
});

test('terminal of a stopped or paused container says so and offers Start/Unpause; then it connects', async ({ page }) => {
  const name = `pt-e2e-termstopped-${Date.now()}`;
  const id = await runFixture(name);
  await docker(['stop', '-t', '0', name]);
  const sockets = await openTerminalPage(page, id);
  const notice = page.getByTestId('terminal-not-running');
  await expect(notice).toContainText(`${name} has exited`);
  await expect(notice).toContainText('the container must be running');
  await expect(page.getByRole('status', { name: 'Terminal closed' })).toBeVisible();
  await expect(page.getByText(/is not running/)).toHaveCount(0);
  expect(sockets).toEqual([]);
  await screenshot(page, 'terminal-stopped');
  await notice.getByRole('button', { name: `Start ${name}` }).click();
  await expect(page.getByRole('status', { name: 'Terminal open' })).toBeVisible();
  expect(await docker(['inspect', '--format', '{{.State.Running}}', name])).toBe('true');

  await docker(['pause', name]);
  await expect(notice).toContainText(`${name} is paused`);
  await notice.getByRole('button', { name: `Unpause ${name}` }).click();
  await expect(page.getByRole('status', { name: 'Terminal open' })).toBeVisible();
});
