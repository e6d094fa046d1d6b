import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect as baseExpect, test } from '../support/test.ts';
import { cleanupRun, docker } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { buildImage, efficiencyFromSave, removeImages, startRegistry } from '../support/images.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const RUN = (process.env.PORTHOLE_TEST_RUN ?? `e2e-${E2E.port}`).toLowerCase().replace(/[^a-z0-9-]/g, '-');
const REGISTRY = '127.0.0.1:5000';
const REPO = `${REGISTRY}/porthole-e2e/busybox-${RUN}`;
const created: string[] = [];
// Builds, pulls and exports on a shared CI machine: generous deadlines (they are deadlines, not sleeps).
const expect = baseExpect.configure({ timeout: 45_000 });
test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  await startRegistry();
});

test.afterAll(async () => {
  await cleanupRun();
  await removeImages(created);
});

test('pull from the local registry with per-layer progress, then push a new tag', async ({ page, request }) => {
  // Something to pull: an image with a layer of its own, pushed to the registry, then removed
  // from the engine (so that layer is downloaded; the fixture's layers already exist).
  await buildImage(
    `${REPO}:src`,
    `FROM porthole-test/busybox:latest\nRUN dd if=/dev/urandom of=/payload bs=1048576 count=3 && echo ${RUN} > /run\n`,
  );
  await docker(['push', `${REPO}:src`]);
  await docker(['image', 'rm', `${REPO}:src`]);
  created.push(`${REPO}:src`, `${REPO}:pushed`);

  await signIn(page);
  await page.goto('/images');
  await expect(page.getByRole('table', { name: 'Images' })).toBeVisible();
  await page.getByRole('button', { name: 'Pull…' }).click();
  await page.getByLabel('Image', { exact: true }).fill(`${REPO}:src`);
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(page.getByTestId('pull-done')).toBeVisible({ timeout: 30_000 });
  const layers = page.getByRole('table', { name: /: layers$/ }).getByRole('row');
  await expect(layers.first()).toBeVisible();
  const rows = await layers.count();
  expect(rows).toBeGreaterThan(0);
  for (let i = 0; i < rows; i++) await expect(layers.nth(i)).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('overall-progress')).toHaveText('100%');
  await screenshot(page, 'images-pull-progress');
  await page.getByRole('button', { name: 'Close' }).click();
  // In the list without a reload.
  await expect(page.locator(`tr[data-image="${REPO}:src"]`)).toBeVisible();

  // Tag and push a new tag from the image's page.
  await page.locator(`tr[data-image="${REPO}:src"]`).getByRole('link').first().click();
  await page.getByRole('button', { name: 'Tag…' }).click();
  await page.getByLabel('New tag').fill(`${REPO}:pushed`);
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByText(`${REPO}:pushed`).first()).toBeVisible();
  await page.getByRole('button', { name: 'Push…' }).click();
  await page.getByRole('textbox', { name: 'Tag to push' }).click();
  await page.getByRole('option', { name: `${REPO}:pushed` }).click();
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(page.getByTestId('push-done')).toBeVisible({ timeout: 30_000 });
  const res = await request.get(`http://${REGISTRY}/v2/porthole-e2e/busybox-${RUN}/tags/list`);
  expect((await res.json()).tags).toContain('pushed');
});

test('build a multi-stage Dockerfile from the editor: live output, then Layers sizes add up to the image size', async ({ page }) => {
  const tag = `porthole-e2e/built-${RUN}:1`;
  created.push(tag);
  await signIn(page);
  await page.goto('/images');
  await page.getByRole('link', { name: 'Build…' }).click();
  const dockerfile = [
    'FROM porthole-test/busybox:latest AS build',
    'ARG GREETING=hello',
    'RUN echo "$GREETING from the build stage" > /greeting && echo first-line-out',
    'FROM porthole-test/busybox:latest',
    'COPY notes.txt /notes.txt',
    'COPY --from=build /greeting /greeting',
    'RUN echo "step-one-$((40+2))"; sleep 5; echo "step-two-$((40+2))"; cat /greeting > /copy',
    'CMD ["cat", "/greeting"]',
  ].join('\n');
  await page.getByRole('textbox', { name: 'Dockerfile' }).fill(dockerfile);
  const chooser = page.waitForEvent('filechooser');
  const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pt-e2e-ctx-'));
  fs.writeFileSync(path.join(fileDir, 'notes.txt'), 'notes for the image\n');
  await page.getByLabel('Files for COPY/ADD (top level of the context)').click();
  await (await chooser).setFiles(path.join(fileDir, 'notes.txt'));
  await page.getByLabel('Tag', { exact: true }).fill(tag);
  await page.getByLabel('Build args (KEY=VALUE per line)').fill('GREETING=bonjour');
  await page.getByLabel('Labels (KEY=VALUE per line)').fill(`porthole.test=1\n${E2E.runLabel}`);
  // Without the build cache every RUN runs and prints again.
  await page.getByLabel('No cache').check();
  // Record every state of the output as the page renders it.
  await page.evaluate(() => {
    const w = window as unknown as { outputStates: string[] };
    w.outputStates = [];
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="build-output"]')?.textContent ?? '';
      if (text && text !== w.outputStates[w.outputStates.length - 1]) w.outputStates.push(text);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Build', exact: true }).click();

  const output = page.getByTestId('build-output');
  await expect(page.getByTestId('build-done')).toBeVisible({ timeout: 120_000 });
  await expect(output).toContainText('Successfully tagged');
  // Line by line, live: the first echo was shown while the RUN still slept before the second,
  // and the output grew in many steps.
  const states = await page.evaluate(() => (window as unknown as { outputStates: string[] }).outputStates);
  const between = states.filter((s) => s.includes('step-one-42') && !s.includes('step-two-42'));
  expect(between.length, `${states.length} output states recorded`).toBeGreaterThan(0);
  expect(states.length).toBeGreaterThan(8);
  const lines = await output.locator('[data-line]').count();
  expect(lines).toBeGreaterThan(20);
  await screenshot(page, 'images-build-output');

  const inspect = JSON.parse(await docker(['image', 'inspect', tag]))[0];
  expect(inspect.Config.Labels['porthole.test']).toBe('1');
  await page.getByRole('link', { name: 'Open in Layers tab' }).click();
  await expect(page.getByRole('table', { name: 'Image layers' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Image layers' })).toContainText('/notes.txt');
  await expect(page.getByTestId('layers-total')).toHaveAttribute('data-bytes', String(inspect.Size));
  const sizes = await page.locator('tr[data-layer-size]').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-layer-size'))));
  expect(sizes.reduce((s, n) => s + n, 0)).toBe(inspect.Size);
  // The classic builder records COPY --from as a file copy.
  await expect(page.getByLabel('Reconstructed Dockerfile')).toContainText('/notes.txt');
  await expect(page.getByLabel('Reconstructed Dockerfile')).toContainText('RUN echo "step-one-$((40+2))"');
  await screenshot(page, 'images-layers-tab');
});

test('layer explorer on a wasteful image: wasted space, hints on the right layers, efficiency as docker save says', async ({ page }) => {
  const tag = `porthole-e2e/wasteful-${RUN}:1`;
  created.push(tag);
  await buildImage(
    tag,
    [
      'FROM porthole-test/busybox:latest',
      'RUN dd if=/dev/urandom of=/big.bin bs=1048576 count=5',
      'RUN mkdir -p /var/cache/apk && dd if=/dev/urandom of=/var/cache/apk/APKINDEX.0a1b.tar.gz bs=1024 count=300',
      'RUN echo "hello from layer four" > /hello.txt',
      'RUN rm /big.bin',
    ].join('\n'),
  );
  const expected = await efficiencyFromSave(tag);
  const id = (await docker(['image', 'inspect', '-f', '{{.Id}}', tag])).slice(7, 19);

  await signIn(page);
  await page.goto(`/images/${id}/layers`);
  await page.getByRole('link', { name: 'Explore layers' }).click();
  await expect(page).toHaveURL(new RegExp(`/images/${id}/layers/explore`));
  const efficiency = page.getByTestId('efficiency');
  await expect(efficiency).toBeVisible({ timeout: 30_000 });
  expect(Number(await efficiency.getAttribute('data-value'))).toBeCloseTo(expected.efficiency, 9);
  const wasted = Number(await page.getByTestId('wasted-bytes').getAttribute('data-bytes'));
  expect(wasted).toBeGreaterThanOrEqual(5 * 1024 * 1024);
  expect(wasted).toBe(expected.shipped - expected.final);
  await expect(page.getByRole('table', { name: 'Wasted space' }).locator('tr[data-path="/big.bin"]')).toContainText('deleted in 5');

  // Layers: 0 COPY busybox, 1 busybox --install, 2 dd big.bin, 3 apk cache, 4 hello, 5 rm big.bin.
  await expect(page.locator('[data-hint="package-cache"]')).toHaveAttribute('data-layers', '3');
  await expect(page.locator('[data-hint="package-cache"]')).toContainText('/var/cache/apk');
  await expect(page.locator('[data-hint="combine-runs"]')).toHaveAttribute('data-layers', '2,3,4,5');
  await expect(page.locator('[data-hint="added-then-deleted"]')).toHaveAttribute('data-layers', '2,5');
  await expect(page.locator('[data-hint="runs-as-root"]')).toBeVisible();
  await screenshot(page, 'images-layer-explorer');

  // A layer's changes (the whiteout), and a text file's contents from its layer.
  await page.getByRole('button', { name: 'Layer 5', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Changes in layer 5' }).locator('tr[data-path="/big.bin"]')).toHaveAttribute(
    'data-change',
    'removed',
  );
  await page.getByRole('button', { name: 'Layer 4', exact: true }).click();
  await page.getByRole('table', { name: 'Changes in layer 4' }).getByRole('button', { name: 'Open /hello.txt' }).click();
  await expect(page.getByLabel('File contents')).toHaveText('hello from layer four\n');
  await page.keyboard.press('Escape');
  await page.getByText('Tree up to layer 4').click();
  await expect(page.getByRole('table', { name: 'Tree up to layer 4' }).locator('tr[data-path="/big.bin"]')).toBeVisible();
  await screenshot(page, 'images-layer-explorer-files');
});

test('prune preview lists exactly what the prune removes, and the bytes match the engine report', async ({ page }) => {
  const tag = `porthole-e2e/prune-${RUN}:1`;
  created.push(tag);
  // Leftovers of an earlier interrupted run of this spec (only this run label's images).
  await docker(['image', 'prune', '--force', '--filter', `label=${E2E.runLabel}`]);
  // Rebuilding a tag leaves the previous image dangling (with its intermediate parents).
  for (const n of [1, 2, 3])
    await buildImage(
      tag,
      `FROM porthole-test/busybox:latest\nRUN echo ${n}-${Date.now()} > /v${n} && dd if=/dev/urandom of=/r bs=1024 count=${20 * n}\n`,
    );
  const allBefore = new Set((await docker(['images', '-aq', '--no-trunc'])).split('\n'));

  await signIn(page);
  await page.goto('/images');
  await page.getByRole('button', { name: 'Prune…' }).click();
  await page.getByLabel('Only images with label').fill(E2E.runLabel);
  await page.getByRole('button', { name: 'Preview' }).click();
  const table = page.getByRole('table', { name: 'Images that would be removed' });
  await expect(table).toBeVisible();
  const previewIds = await table.locator('tr[data-image-id]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-image-id')));
  const previewBytes = Number(await page.getByTestId('prune-preview-bytes').textContent());
  expect(previewIds.length).toBeGreaterThanOrEqual(2);

  const pruned = page.waitForResponse((r) => r.url().includes('/images/prune') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /^Prune \d+ images$/ }).click();
  const report = (await (await pruned).json()) as { ImagesDeleted: Array<{ Deleted?: string }> | null; SpaceReclaimed: number };
  await expect(page.getByTestId('prune-report')).toBeVisible();
  const deletedImages = (report.ImagesDeleted ?? []).map((d) => d.Deleted).filter((d): d is string => !!d && allBefore.has(d));
  expect(new Set(deletedImages)).toEqual(new Set(previewIds));
  expect(report.SpaceReclaimed).toBe(previewBytes);
  await expect(page.getByTestId('prune-reclaimed')).toHaveAttribute('data-bytes', String(report.SpaceReclaimed));
});

test('removing an image a container uses shows the engine conflict message', async ({ page }) => {
  const tag = `porthole-e2e/inuse-${RUN}:1`;
  created.push(tag);
  await buildImage(tag, 'FROM porthole-test/busybox:latest\nRUN echo in-use > /in-use\n');
  await docker(['create', '--name', `pt-e2e-inuse-${RUN}`, '--label', 'porthole.test=1', '--label', E2E.runLabel, tag, 'true']);
  const cli = await docker(['image', 'rm', tag]).then(
    () => '',
    (err: { stderr?: string }) => String(err.stderr ?? ''),
  );
  const engineMessage = cli.replace(/^Error response from daemon: /, '').trim();
  expect(engineMessage).toContain('conflict');

  await signIn(page);
  await page.goto(`/images?q=${encodeURIComponent(tag)}`);
  await page.getByRole('button', { name: `Remove image ${tag}` }).click();
  await expect(page.getByRole('dialog')).toContainText(tag);
  await page.getByRole('button', { name: `Untag ${tag}` }).click();
  await expect(page.getByTestId('engine-error')).toHaveText(engineMessage);
});

test('save then load round-trips an image (same id)', async ({ page }) => {
  const tag = `porthole-e2e/saveload-${RUN}:1`;
  created.push(tag);
  const id = await buildImage(tag, `FROM porthole-test/busybox:latest\nRUN echo saved-${Date.now()} > /saved\n`);
  await signIn(page);
  await page.goto(`/images/${id.slice(7, 19)}/overview`);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /^Save / }).click();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pt-e2e-save-')), 'image.tar');
  await (await download).saveAs(file);
  await docker(['image', 'rm', tag]);
  await expect.poll(() => docker(['images', '-q', tag])).toBe('');

  await page.goto('/images');
  await page.getByRole('button', { name: 'Load…' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Image tar (from docker save)').click();
  await (await chooser).setFiles(file);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByTestId('load-output')).toContainText(`Loaded image: ${tag}`, { timeout: 30_000 });
  expect(await docker(['image', 'inspect', '-f', '{{.Id}}', tag])).toBe(id);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator(`tr[data-image="${tag}"]`)).toBeVisible();
  await expect(page.getByTestId('images-total')).toContainText('on disk');
  await screenshot(page, 'images-list');
  await setTheme(page, 'dark');
  await screenshot(page, 'images-list-dark');
  await setTheme(page, 'light');
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});
