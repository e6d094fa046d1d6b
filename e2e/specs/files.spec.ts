import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

/** Temp dirs of the uploaded files, removed after the file. */
const tmpDirs: string[] = [];

test.afterAll(async () => {
  await cleanupRun();
  for (const dir of tmpDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const tmpDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
};

const tmpFile = (name: string, content: string) => {
  const file = path.join(tmpDir('pt-up-'), name);
  fs.writeFileSync(file, content);
  return file;
};

test('files: browse /etc, download hostname and the folder as tar', async ({ page }) => {
  const id = await runFixture(`pt-e2e-files-${Date.now()}`, ['--hostname', 'e2e-files-host'], ['sh', '-c', 'mkdir -p /data; sleep 3600']);
  await signIn(page);
  await setTheme(page, 'light');
  await page.goto(`/containers/${id}/files`);
  const table = page.getByRole('table', { name: 'Files in /' });
  await expect(table).toContainText('etc/');
  await table.getByRole('button', { name: 'etc/' }).click();
  await expect(page.getByRole('table', { name: 'Files in /etc' })).toContainText('hostname');
  await expect(page.getByRole('table', { name: 'Files in /etc' })).toContainText('mtab');
  await screenshot(page, 'files-light');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download hostname' }).click();
  const file = await (await download).path();
  expect(fs.readFileSync(file, 'utf8').trim()).toBe('e2e-files-host');

  const tarDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download folder (tar)' }).click();
  const tar = await tarDownload;
  expect(tar.suggestedFilename()).toBe('etc.tar');
  const names = execFileSync('tar', ['-tf', await tar.path()], { encoding: 'utf8' }).split('\n');
  expect(names).toContain('etc/hostname');
});

test('files: ../../etc/shadow stays inside the container', async ({ page }) => {
  const id = await runFixture(`pt-e2e-shadow-${Date.now()}`, [], ['sh', '-c', 'echo in-the-container > /etc/shadow; sleep 3600']);
  await signIn(page);
  // The URL's path is normalised like the server does: it climbs no higher than the container's /.
  await page.goto(`/containers/${id}/files?path=${encodeURIComponent('../../etc')}`);
  await expect(page.getByRole('table', { name: 'Files in /etc' })).toContainText('shadow');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download shadow' }).click();
  expect(fs.readFileSync(await (await download).path(), 'utf8')).toBe('in-the-container\n');
  const raw = await page.request.get(`/api/engines/local/containers/${id}/files/download?path=${encodeURIComponent('../../etc/shadow')}`);
  expect(raw.status()).toBe(200);
  expect(await raw.text()).toBe('in-the-container\n');
});

test('files: an uploaded file shows in the listing and docker exec cat shows it', async ({ page }) => {
  const id = await runFixture(`pt-e2e-upload-${Date.now()}`, [], ['sh', '-c', 'mkdir -p /data; sleep 3600']);
  await signIn(page);
  await setTheme(page, 'dark');
  await page.goto(`/containers/${id}/files?path=/data`);
  const table = page.getByRole('table', { name: 'Files in /data' });
  await expect(page.getByText('This folder is empty.')).toBeVisible();

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload here' }).click();
  await (await chooser).setFiles(tmpFile('note.txt', 'uploaded through the browser\n'));
  await expect(page.getByText('Uploaded /data/note.txt')).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: 'note.txt' });
  await expect(row).toContainText('29 B');
  expect(await docker(['exec', id, 'cat', '/data/note.txt'])).toBe('uploaded through the browser');
  await screenshot(page, 'files-upload-dark');

  // Uploading the same name again replaces it, and the listing follows again.
  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload here' }).click();
  await (await again).setFiles(tmpFile('note.txt', 'second version, a little longer\n'));
  await expect(row).toContainText('32 B');
  expect(await docker(['exec', id, 'cat', '/data/note.txt'])).toBe('second version, a little longer');
});

test('files: uploads into a missing or read-only folder show the engine’s message', async ({ page }) => {
  const id = await runFixture(`pt-e2e-upfail-${Date.now()}`, [], ['sh', '-c', 'sleep 3600']);
  const ro = await runFixture(`pt-e2e-upro-${Date.now()}`, ['--read-only'], ['sh', '-c', 'sleep 3600']);
  await signIn(page);

  await page.goto(`/containers/${id}/files?path=/missing`);
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load' })).toContainText('Could not find the file /missing');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload here' }).click();
  await (await chooser).setFiles(tmpFile('lost.txt', 'x'));
  const failed = page.getByRole('alert').filter({ hasText: 'Upload failed' });
  await expect(failed).toContainText('lost.txt → /missing: Could not find the file /missing');
  await expect(page.getByRole('button', { name: 'Upload here' })).toBeEnabled();

  await page.goto(`/containers/${ro}/files?path=/etc`);
  await expect(page.getByRole('table', { name: 'Files in /etc' })).toContainText('hostname');
  const roChooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload here' }).click();
  await (await roChooser).setFiles(tmpFile('ro.txt', 'x'));
  await expect(page.getByRole('alert').filter({ hasText: 'Upload failed' })).toContainText('container rootfs is marked read-only');
  await screenshot(page, 'files-upload-error');
  await expect(docker(['exec', ro, 'cat', '/etc/ro.txt'])).rejects.toThrow();
});

test('files: upload an archive and extract it here; a bad archive is refused with the server’s reason', async ({ page }) => {
  const id = await runFixture(`pt-e2e-extract-${Date.now()}`, [], ['sh', '-c', 'mkdir -p /data; sleep 3600']);
  const src = tmpDir('pt-tar-');
  fs.mkdirSync(path.join(src, 'site'));
  fs.writeFileSync(path.join(src, 'site/index.html'), '<h1>from a tar</h1>\n');
  fs.writeFileSync(path.join(src, 'notes.txt'), 'extracted here\n');
  const archive = path.join(tmpDir('pt-up-'), 'site.tar');
  execFileSync('tar', ['-cf', archive, '-C', src, 'site', 'notes.txt']);
  await signIn(page);
  await setTheme(page, 'light');
  await page.goto(`/containers/${id}/files?path=/data`);
  const table = page.getByRole('table', { name: 'Files in /data' });
  await expect(page.getByText('This folder is empty.')).toBeVisible();

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload archive (extract here)' }).click();
  await (await chooser).setFiles(archive);
  await expect(page.getByText('Extracted site.tar (3 entries) into /data')).toBeVisible();
  await expect(table.getByRole('button', { name: 'site/' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'notes.txt' })).toContainText('15 B');
  expect(await docker(['exec', id, 'cat', '/data/site/index.html'])).toBe('<h1>from a tar</h1>');
  const actions = page.getByRole('group', { name: 'Folder actions' });
  await actions.getByRole('button', { name: 'Show the docker command' }).click();
  await expect(actions.getByLabel('docker command', { exact: true })).toContainText(`docker cp - ${id.slice(0, 12)}:/data < ARCHIVE.tar`);
  await screenshot(page, 'files-archive');

  // An absolute entry (GNU tar -P keeps the leading /): refused whole, nothing extracted.
  const evil = path.join(src, 'evil.txt');
  fs.writeFileSync(evil, 'x');
  const bad = path.join(path.dirname(archive), 'bad.tar');
  execFileSync('tar', ['-cPf', bad, '-C', src, 'notes.txt', evil]);
  const badChooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload archive (extract here)' }).click();
  await (await badChooser).setFiles(bad);
  const failed = page.getByRole('alert').filter({ hasText: 'Archive upload failed' });
  await expect(failed).toContainText(`bad.tar → /data: The archive was refused: The name "${evil}" is absolute`);
  await expect(page.getByRole('button', { name: 'Upload archive (extract here)' })).toBeEnabled();
  await screenshot(page, 'files-archive-refused');
  expect(await docker(['exec', id, 'sh', '-c', `ls ${evil} 2>/dev/null || echo none`])).toBe('none');
});

test('the live views are tabs of the container: same header, state and actions, there and back', async ({ page }) => {
  const name = `pt-e2e-tabs-${Date.now()}`;
  const id = await runFixture(name);
  await signIn(page);
  await page.goto(`/containers/${id}`);
  await expect(page).toHaveURL(new RegExp(`/containers/${id}/overview$`));
  const tabs = page.getByRole('tablist', { name: 'Container views' });
  for (const [label, path] of [
    ['Files', 'files'],
    ['Terminal', 'terminal'],
    ['Stats', 'stats'],
    ['Logs', 'logs'],
  ]) {
    await tabs.getByRole('tab', { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`/containers/${id}/${path}$`));
    await expect(tabs.getByRole('tab', { name: label })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('container-name')).toHaveText(name);
    await expect(page.getByTestId('container-state')).toContainText(/running/i);
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
  }
  await tabs.getByRole('tab', { name: 'Files' }).click();
  await expect(page.getByRole('table', { name: 'Files in /' })).toContainText('etc/');
  await screenshot(page, 'files-in-container-tabs');
  await tabs.getByRole('tab', { name: 'Overview' }).click();
  await expect(page).toHaveURL(new RegExp(`/containers/${id}/overview$`));
  await expect(tabs.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
});
