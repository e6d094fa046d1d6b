import type { MemoryLimitResult } from '@porthole/shared/containers';
import { memoryUpdate } from '@porthole/shared/memory-update';
import { describe, expect, it } from 'vitest';
import { directDocker, dockerOk, testRun } from './docker-cli.ts';
import { waitFor } from './harness.ts';
import { useTestServer } from './support/server-fixture.ts';

const MIB = 1024 * 1024;

/** Adding a memory limit to a container that has none, on the real engine (issue 13). */
describe('memory limit', () => {
  const run = testRun();
  const t = useTestServer({ env: { PORTHOLE_STATS_SAMPLE_SECONDS: '0' }, run });
  const direct = directDocker();
  const limits = async (id: string) =>
    (await dockerOk(direct, ['inspect', '-f', '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}', id])).trim();
  const setMemory = (id: string, memory: number) =>
    t.server.fetch(`/api/engines/local/containers/${id}/memory`, {
      method: 'POST',
      headers: { cookie: t.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ memory }),
    });

  it('the computed update body, sent through the proxy, sets the limit the engine refused alone', async () => {
    const id = await run.startFixture(['sleep', '600']);
    expect(await limits(id)).toBe('0 0');
    const post = (body: unknown) =>
      t.server.fetch(`/api/engines/local/docker/containers/${id}/update`, {
        method: 'POST',
        headers: { cookie: t.cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // What the issue saw: Memory alone is refused.
    const alone = await post({ Memory: 64 * MIB });
    expect(alone.status).toBe(409);
    expect((await alone.json()).message).toMatch(/Memory limit should be smaller than already set memoryswap limit/);
    const ok = await post(memoryUpdate({ Memory: 0, MemorySwap: 0 }, 64 * MIB, 'x').body);
    expect(ok.status).toBe(200);
    expect(await limits(id)).toBe(`${64 * MIB} ${128 * MIB}`);
  });

  it('the memory route sets it and says what it ran; unlimited swap stays unlimited', async () => {
    const id = await run.startFixture(['sleep', '600'], ['--name', run.name('mem')]);
    const res = await setMemory(id, 32 * MIB);
    expect(res.status).toBe(200);
    const body = (await res.json()) as MemoryLimitResult;
    expect(body).toMatchObject({
      Memory: 32 * MIB,
      MemorySwap: 64 * MIB,
      command: `docker update --memory 32m --memory-swap 64m ${run.name('mem')}`,
    });
    expect(await limits(id)).toBe(`${32 * MIB} ${64 * MIB}`);

    const unlimited = await run.startFixture(['sleep', '600'], ['--memory', '64m', '--memory-swap', '-1']);
    expect((await setMemory(unlimited, 256 * MIB)).status).toBe(200);
    expect(await limits(unlimited)).toBe(`${256 * MIB} -1`);
  });

  it('a limit below current usage gets a readable 409, not runc’s byte counts', async () => {
    // tmpfs pages count against the container's memory: 40 MB in use that cannot be reclaimed.
    const id = await run.startFixture(['sh', '-c', 'head -c 40000000 /dev/zero > /m/f && touch /m/done; sleep 600'], ['--tmpfs', '/m']);
    await waitFor('the tmpfs file', async () => (await dockerOk(direct, ['exec', id, 'ls', '/m'])).includes('done'));
    const res = await setMemory(id, 8 * MIB);
    expect(res.status).toBe(409);
    const { message } = (await res.json()) as { message: string };
    expect(message).toMatch(/^The container uses 3\d\.\d MiB now, more than the new limit of 8 MiB: choose a higher limit/);
    expect(await limits(id)).toBe('0 0');
  });

  it('refuses a limit under the engine minimum and an unknown container readably', async () => {
    const small = await setMemory('whatever', 1024);
    expect(small.status).toBe(400);
    expect((await small.json()).message).toMatch(/^Invalid request: body\/memory must be >= 6291456/);
    const missing = await setMemory(`porthole-test-missing-${run.runId}`, 64 * MIB);
    expect(missing.status).toBe(404);
  });
});
