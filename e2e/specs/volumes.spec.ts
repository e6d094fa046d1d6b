import fs from 'node:fs';
import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const runValue = E2E.runLabel.split('=')[1] as string;
const prefix = `vol-${runValue}-${Date.now().toString(36)}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
const volume = `${prefix}-data`;
const user = `${prefix}-user`;
const labels = ['--label', 'porthole.test=1', '--label', E2E.runLabel];

test.describe
  .serial('volumes', () => {
    test.setTimeout(180_000);
    test.afterAll(async () => {
      await cleanupRun();
    });

    test('create a volume in the UI, use it in a container, see its size, user and files; removing it while in use shows the engine error', async ({
      page,
    }) => {
      await signIn(page);
      await page.goto('/volumes');
      await page.getByRole('button', { name: 'Create volume' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create volume' });
      await dialog.getByRole('textbox', { name: 'Name' }).fill(volume);
      const [key, value] = E2E.runLabel.split('=') as [string, string];
      for (const [i, [k, v]] of [
        ['porthole.test', '1'],
        [key, value],
      ].entries()) {
        await dialog.getByRole('button', { name: 'Add label' }).click();
        await dialog.getByRole('textbox', { name: `Label ${i + 1} key` }).fill(k as string);
        await dialog.getByRole('textbox', { name: `Label ${i + 1} value` }).fill(v as string);
      }
      await dialog.getByRole('button', { name: 'Show the docker command' }).click();
      await expect(dialog.getByLabel('docker command', { exact: true })).toHaveText(
        `docker volume create --label porthole.test=1 --label ${E2E.runLabel} ${volume}`,
      );
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(page.getByRole('heading', { name: volume })).toBeVisible({ timeout: 20_000 });
      expect(JSON.parse(await docker(['volume', 'inspect', volume]))[0].Labels).toMatchObject({ 'porthole.test': '1', [key]: value });

      // A container writes 64 KiB into it.
      await runFixture(
        user,
        [...labels, '-v', `${volume}:/data`],
        ['sh', '-c', 'dd if=/dev/zero of=/data/blob bs=1024 count=64 && mkdir -p /data/sub && echo hi > /data/sub/hello.txt && sleep 3600'],
      );
      await expect(page.getByRole('table', { name: 'Containers using the volume' })).toContainText(user, { timeout: 20_000 });
      await expect(page.getByRole('table', { name: 'Containers using the volume' })).toContainText('/data');
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.getByTestId('volume-size').textContent({ timeout: 15_000 });
          },
          { timeout: 60_000 },
        )
        .toMatch(/^6\d(\.\d+)? kB$/);
      const files = page.getByRole('table', { name: 'Volume files' });
      await expect(files).toContainText('blob');
      await page.getByRole('button', { name: 'Open folder sub' }).click();
      await expect(files).toContainText('hello.txt');
      await expect(page).toHaveURL(/path=%2Fsub|path=\/sub/);
      // A file downloads as its bytes under its own name; the folder as a tar named after it.
      const [file] = await Promise.all([page.waitForEvent('download'), files.getByRole('link', { name: 'Download hello.txt' }).click()]);
      expect(file.suggestedFilename()).toBe('hello.txt');
      expect(fs.readFileSync((await file.path()) as string, 'utf8')).toBe('hi\n');
      const [folder] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download folder (tar)' }).click(),
      ]);
      expect(folder.suggestedFilename()).toBe('sub.tar');
      expect(fs.readFileSync((await folder.path()) as string).includes(Buffer.from('sub/hello.txt'))).toBe(true);
      await screenshot(page, 'volume-files');
      await page.setViewportSize({ width: 390, height: 844 });
      await files.scrollIntoViewIfNeeded();
      await expect(files.getByRole('link', { name: 'Download hello.txt' })).toBeInViewport({ ratio: 1 });
      await setTheme(page, 'dark');
      await screenshot(page, 'volume-files-phone-dark');
      await setTheme(page, 'light');
      await page.setViewportSize({ width: 1280, height: 800 });

      await page.getByRole('button', { name: 'Remove', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: `Remove volume ${volume}?` });
      await confirm.getByRole('button', { name: `Remove ${volume}` }).click();
      await expect(confirm.getByTestId('engine-error')).toContainText('volume is in use', { timeout: 20_000 });
      expect(await docker(['volume', 'ls', '-q', '--filter', `name=${volume}`])).toContain(volume);
      await confirm.getByRole('button', { name: 'Cancel' }).click();

      await page.goto(`/volumes?q=${encodeURIComponent(prefix)}`);
      await expect(page.locator(`tr[data-volume="${volume}"]`)).toContainText(user);
      await expect(page.locator(`tr[data-volume="${volume}"]`)).toContainText('kB');
      await screenshot(page, 'volumes-list');
      await setTheme(page, 'dark');
      await screenshot(page, 'volumes-list-dark');
      await setTheme(page, 'light');
    });

    test('prune preview lists exactly what docker volume prune then removes', async ({ page }) => {
      const pruneLabel = `porthole.test.prune=${prefix}`;
      const unused = [`${prefix}-unused-a`, `${prefix}-unused-b`];
      for (const name of unused) await docker(['volume', 'create', ...labels, '--label', pruneLabel, name]);
      // In use (by a stopped container): prune keeps it.
      await docker(['volume', 'create', ...labels, '--label', pruneLabel, `${prefix}-kept`]);
      await docker(['create', '--name', `${prefix}-holder`, ...labels, '-v', `${prefix}-kept:/data`, E2E.fixtureImage, 'true']);

      await signIn(page);
      await page.goto('/volumes');
      await page.getByRole('button', { name: 'Prune…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Prune unused volumes?' });
      await dialog.getByRole('textbox', { name: 'Only volumes with this label' }).fill(pruneLabel);
      const preview = dialog.getByRole('table', { name: 'Volumes to prune' });
      await expect(preview.locator('tr[data-name]')).toHaveCount(2, { timeout: 20_000 });
      const listed = (
        await preview.locator('tr[data-name]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name') ?? ''))
      ).sort();
      expect(listed).toEqual(unused);
      await dialog.getByRole('button', { name: 'Show the docker command' }).click();
      await expect(dialog.getByLabel('docker command', { exact: true })).toContainText(`docker volume prune`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      const out = await docker(['volume', 'prune', '-f', '--filter', `label=${pruneLabel}`]);
      const deleted = out
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith(prefix))
        .sort();
      expect(deleted).toEqual(listed);
    });
  });
