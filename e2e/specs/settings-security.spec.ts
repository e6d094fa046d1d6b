import { expect, test } from '../support/test.ts';
import { E2E } from '../support/env.ts';
import { expectNoSidewaysScroll, screenshot, setTheme, signIn } from '../support/session.ts';

test('settings: change the password with the form (errors first), sign in with the new one, and back', async ({ page, browser }) => {
  await signIn(page);
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Change password' });
  const current = form.getByLabel('Current password');
  const next = form.getByLabel(/^New password/);
  const repeat = form.getByLabel('Repeat the new password');
  const submit = form.getByRole('button', { name: 'Change password' });

  await current.fill(E2E.password);
  await next.fill('short');
  await expect(form.getByText('At least 12 characters (5 so far)')).toBeVisible();
  await expect(submit).toBeDisabled();
  await next.fill('a long new e2e password');
  await repeat.fill('a long new e2e passwor');
  await expect(form.getByText('The two new passwords differ')).toBeVisible();
  await repeat.fill('a long new e2e password');
  await current.fill('not the password at all');
  await submit.click();
  await expect(form.getByRole('alert')).toHaveText('The current password is wrong');
  await setTheme(page, 'light');
  await screenshot(page, 'settings-password-error-light');

  // A second browser signed in with the old password is signed out by the change.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage);

  await current.fill(E2E.password);
  await submit.click();
  await expect(form.getByRole('status')).toHaveText('Password changed. Your other sessions were signed out.');
  await setTheme(page, 'dark');
  await screenshot(page, 'settings-password-dark');
  const otherMe = await otherPage.request.get('/api/auth/me');
  expect(otherMe.status()).toBe(401);
  await other.close();

  // Back to the suite's password, through the form again.
  await current.fill('a long new e2e password');
  await next.fill(E2E.password);
  await repeat.fill(E2E.password);
  await submit.click();
  await expect(form.getByRole('status')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await form.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-password-phone');
  await expectNoSidewaysScroll(page);
});

test('the SPA runs under its Content-Security-Policy: no violation on the main views', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto('/login');
  expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await signIn(page);
  for (const path of [
    '/',
    '/containers',
    '/images',
    '/networks',
    '/networks/topology',
    '/volumes',
    '/limits',
    '/health',
    '/events',
    '/settings',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);
});
