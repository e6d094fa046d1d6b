import type { DirectoryListing } from '@porthole/shared/files';
import { beforeAll, describe, expect, it } from 'vitest';
import { directDocker, dockerOk, testRun } from './docker-cli.ts';
import { useTestServer } from './support/server-fixture.ts';

describe('container files (acceptance 8)', () => {
  let id: string;
  const run = testRun();
  const t = useTestServer({ run });
  const base = () => `/api/engines/local/containers/${id}/files`;

  beforeAll(async () => {
    id = await run.startFixture(['sh', '-c', 'mkdir -p /tmp; sleep 600'], ['--hostname', 'files-host-i4']);
  });

  it('downloads /etc/hostname and gets the container hostname', async () => {
    const res = await t.server.fetch(`${base()}/download?path=/etc/hostname`, { headers: { cookie: t.cookie } });
    expect(res.status).toBe(200);
    expect((await res.text()).trim()).toBe('files-host-i4');
  });

  it('uploads a file and docker exec cat shows it', async () => {
    const body = 'hello from porthole\n';
    const res = await t.server.fetch(`${base()}?path=/tmp&name=greeting.txt`, {
      method: 'PUT',
      headers: { cookie: t.cookie, 'content-type': 'application/octet-stream' },
      body,
    });
    expect(res.status).toBe(201);
    expect(await dockerOk(directDocker(), ['exec', id, 'cat', '/tmp/greeting.txt'])).toBe(body);
  });

  it('lists a directory with types, sizes and modes; a folder downloads as tar', async () => {
    const res = await t.server.fetch(`${base()}?path=/etc`, { headers: { cookie: t.cookie } });
    const listing = (await res.json()) as DirectoryListing;
    expect(listing.path).toBe('/etc');
    const hostname = listing.entries.find((e) => e.name === 'hostname');
    expect(hostname).toMatchObject({ type: 'file', size: 'files-host-i4\n'.length });
    expect(hostname?.mode).toMatch(/^[rwx-]{9}$/);
    const tarRes = await t.server.fetch(`${base()}/download?path=/etc`, { headers: { cookie: t.cookie } });
    expect(tarRes.headers.get('content-type')).toBe('application/x-tar');
    expect((await tarRes.arrayBuffer()).byteLength).toBeGreaterThan(1024);
  });

  it('says what is missing: the path, or the container', async () => {
    const path = await t.server.fetch(`${base()}/download?path=/no/such-file`, { headers: { cookie: t.cookie } });
    expect(path.status).toBe(404);
    expect(((await path.json()) as { message: string }).message).toBe('/no/such-file: no such file or folder');
    const gone = await t.server.fetch(`/api/engines/local/containers/${run.name('gone')}/files/download?path=/etc/hostname`, {
      headers: { cookie: t.cookie },
    });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { message: string }).message).toMatch(/No such container/);
  });

  it('keeps ../../etc/shadow inside the container', async () => {
    // The host's /etc/hostname differs from the container's: a path that climbs still reads the container's.
    const res = await t.server.fetch(`${base()}/download?path=${encodeURIComponent('../../../../etc/hostname')}`, {
      headers: { cookie: t.cookie },
    });
    expect((await res.text()).trim()).toBe('files-host-i4');
    const shadow = await t.server.fetch(`${base()}/download?path=${encodeURIComponent('../../etc/shadow')}`, {
      headers: { cookie: t.cookie },
    });
    const inContainer = await dockerOk(directDocker(), ['exec', id, 'sh', '-c', 'cat /etc/shadow 2>/dev/null || echo MISSING']);
    if (inContainer.trim() === 'MISSING') expect(shadow.status).toBe(404);
    else expect(await shadow.text()).toBe(inContainer);
    const up = await t.server.fetch(`${base()}?path=${encodeURIComponent('../../../tmp')}&name=escape.txt`, {
      method: 'PUT',
      headers: { cookie: t.cookie, 'content-type': 'application/octet-stream' },
      body: 'x',
    });
    expect(up.status).toBe(201);
    expect(((await up.json()) as { path: string }).path).toBe('/tmp/escape.txt');
    expect(await dockerOk(directDocker(), ['exec', id, 'cat', '/tmp/escape.txt'])).toBe('x');
    const bad = await t.server.fetch(`${base()}?path=/tmp&name=${encodeURIComponent('../evil')}`, {
      method: 'PUT',
      headers: { cookie: t.cookie, 'content-type': 'application/octet-stream' },
      body: 'x',
    });
    expect(bad.status).toBe(400);
  });
});
