import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRun } from './docker-cli.ts';
import { type TestServer, startServer } from './harness.ts';
import { addMember } from './team.ts';

const PLANTED = `planted-${Math.random().toString(36).slice(2)}`;

/** Issue 14: env values are a viewer's on no path — the REST container details too, not only `docker inspect`. */
describe('env values masked for viewers on REST', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const run = testRun();
  let id = '';

  beforeAll(async () => {
    server = await startServer();
    const cookie = await server.login();
    for (const role of ['viewer', 'operator'] as const) tokens[role] = (await addMember(server.url, cookie, `mask-${role}`, role)).token;
    id = await run.startFixture(['sleep', '600'], ['-e', `API_KEY=${PLANTED}`]);
  });
  afterAll(async () => {
    await run.cleanup();
    await server?.close();
  });

  const details = async (role: string) => {
    const res = await fetch(`${server.url}/api/engines/local/containers?details=1`, {
      headers: { authorization: `Bearer ${tokens[role]}` },
    });
    expect(res.status).toBe(200);
    const { containers } = (await res.json()) as { containers: Array<{ details?: { Id: string; Config: { Env: string[] } } }> };
    return containers.find((c) => c.details?.Id === id)?.details?.Config.Env ?? [];
  };

  it('answers a viewer env names with masked values, and an operator the values', async () => {
    expect(await details('viewer')).toContain('API_KEY=******');
    expect(JSON.stringify(await details('viewer'))).not.toContain(PLANTED);
    expect(await details('operator')).toContain(`API_KEY=${PLANTED}`);
  });
});
