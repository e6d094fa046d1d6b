import { test } from '@playwright/test';
import { signIn } from '../support/session.ts';
test.describe.configure({ timeout: 200_000 });
test('probe build states', async ({ page }) => {
  await signIn(page);
  await page.goto('/images/build');
  await page.getByRole('textbox', { name: 'Dockerfile' }).fill(`FROM porthole-test/busybox:latest\nRUN sh -c "echo step-one-done; sleep 5; echo step-two-done ${Date.now()}"\n`);
  await page.getByLabel('Labels (KEY=VALUE per line)').fill('porthole.test=1\nporthole.test.run=issue5');
  await page.evaluate(() => {
    const w = window as unknown as { outputStates: string[] };
    w.outputStates = [];
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="build-output"]')?.textContent ?? '';
      if (text && text !== w.outputStates[w.outputStates.length - 1]) w.outputStates.push(`${Date.now() % 100000} ${text.slice(-70)}`);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await page.getByTestId('build-done').waitFor({ timeout: 120_000 });
  console.log((await page.evaluate(() => (window as unknown as { outputStates: string[] }).outputStates)).join('\n'));
});
