import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { E2E } from './env.ts';

/** Signs in through the form, as a user would. */
export async function signIn(page: Page, baseURL = E2E.baseURL, as = { username: E2E.username, password: E2E.password }): Promise<void> {
  await page.goto(`${baseURL}/login`);
  await page.getByLabel('Username').fill(as.username);
  await page.getByLabel('Password').fill(as.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
}

/**
 * Switches the colour scheme with the header's toggle, as a user would (no reload: a page load
 * costs seconds of CPU on a 2-core machine). Pages without the toggle (sign-in) set the scheme
 * Mantine stores and reload.
 */
export async function setTheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  const html = page.locator('html');
  if ((await html.getAttribute('data-mantine-color-scheme')) === scheme) return;
  const toggle = page.getByRole('button', { name: `Switch to ${scheme} theme` });
  if (await toggle.isVisible()) {
    await toggle.click();
    // Off the toggle again, so its tooltip is not in the screenshots that follow.
    await page.mouse.move(0, 0);
    await expect(page.getByRole('tooltip')).toHaveCount(0);
  } else {
    await page.evaluate((s) => localStorage.setItem('mantine-color-scheme-value', s), scheme);
    await page.reload();
  }
  await expect(html).toHaveAttribute('data-mantine-color-scheme', scheme);
}

/** Writes a screenshot under e2e/screenshots/ (not committed) to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // On a phone-sized page the navigation drawer slides away after a viewport change: the picture
  // waits for the slide (any finite transition) to end, at most 2 s (an endless spinner may run on).
  if ((page.viewportSize()?.width ?? 1280) < 700)
    await page
      .waitForFunction(
        () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
        undefined,
        {
          timeout: 2_000,
        },
      )
      .catch(() => undefined);
  await page.screenshot({ path: path.join(E2E.screenshots, `${name}.png`), fullPage: false });
}

/**
 * The page does not scroll sideways at its viewport's width — once the layout has settled (after a
 * viewport change the navigation drawer slides away for a moment, wider than the page).
 */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      message: 'the page scrolls sideways',
      timeout: 5_000,
    })
    .toBeLessThanOrEqual(0);
}
