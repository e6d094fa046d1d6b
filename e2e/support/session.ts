import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { E2E } from './env.ts';

/** Signs in through the form, as a user would. */
export async function signIn(page: Page, baseURL = E2E.baseURL): Promise<void> {
  await page.goto(`${baseURL}/login`);
  await page.getByLabel('Username').fill(E2E.username);
  await page.getByLabel('Password').fill(E2E.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
}

/** Sets the colour scheme Mantine stores, then reloads. */
export async function setTheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((s) => localStorage.setItem('mantine-color-scheme-value', s), scheme);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
}

/** Writes a screenshot under e2e/screenshots/ (not committed) to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(E2E.screenshots, `${name}.png`), fullPage: false });
}
