import { CONTAINER_ACTIONS, type ContainerAction, type ContainerState, accepts } from '@porthole/shared/container-actions';
import { describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE, directDocker, dockerOk, testRun } from './docker-cli.ts';
import { waitFor } from './harness.ts';
import { useTestServer } from './support/server-fixture.ts';

type TestedState = Exclude<ContainerState, 'dead' | 'removing'>;

/**
 * The state → accepted actions table (`shared/container-actions.ts`) against the real engine: for
 * every state a test can put a container in, every action through the proxy. Accepted means a 2xx;
 * a 304 (nothing to do) and any 4xx/5xx mean "do not offer it". A refused action leaves the
 * container in its state, so one container takes all the refusals of its state and each accepted
 * action gets a fresh one.
 */
describe('container actions through the proxy', () => {
  const run = testRun();
  const t = useTestServer({ env: { PORTHOLE_STATS_SAMPLE_SECONDS: '0' }, run });
  const direct = directDocker();

  const status = async (id: string) => (await dockerOk(direct, ['inspect', '-f', '{{.State.Status}} {{.RestartCount}}', id])).trim();
  const make: Record<TestedState, () => Promise<string>> = {
    running: () => run.startFixture(['sleep', '600']),
    paused: async () => {
      const id = await run.startFixture(['sleep', '600']);
      await dockerOk(direct, ['pause', id]);
      return id;
    },
    exited: async () => {
      const id = await run.startFixture(['true']);
      await dockerOk(direct, ['wait', id]);
      return id;
    },
    created: async () => (await dockerOk(direct, ['create', ...run.labelArgs, FIXTURE_IMAGE, 'sleep', '600'])).trim(),
    restarting: async () => {
      const id = await run.startFixture(['false'], ['--restart', 'always']);
      // After a few failures the engine waits ≥ 0.8 s before the next start: long enough to act.
      await waitFor('a restarting container', async () => /^restarting ([4-9]|\d\d)/.test(await status(id)), 30_000);
      return id;
    },
  };
  const act = (id: string, action: ContainerAction) =>
    t.server.fetch(`/api/engines/local/docker/containers/${id}${action === 'remove' ? '' : `/${action}?t=1`}`, {
      method: action === 'remove' ? 'DELETE' : 'POST',
      headers: { cookie: t.cookie },
    });

  const states: TestedState[] = ['running', 'paused', 'exited', 'created', 'restarting'];
  for (const state of states) {
    it(`${state}: the engine accepts exactly the actions the table offers`, async () => {
      const observed: Record<string, number> = {};
      const refused = CONTAINER_ACTIONS.filter((a) => !accepts(state, a));
      const target = await make[state]();
      for (const action of refused) observed[action] = (await act(target, action)).status;
      for (const action of CONTAINER_ACTIONS.filter((a) => accepts(state, a))) {
        observed[action] = (await act(await make[state](), action)).status;
      }
      const accepted = CONTAINER_ACTIONS.filter((a) => (observed[a] as number) >= 200 && (observed[a] as number) < 300);
      expect(accepted, JSON.stringify(observed)).toEqual(CONTAINER_ACTIONS.filter((a) => accepts(state, a)));
    }, 120_000);
  }

  it('relays a 304 (start of a running container) unchanged, for the docker CLI', async () => {
    const id = await make.running();
    const res = await act(id, 'start');
    expect(res.status).toBe(304);
    expect(await status(id)).toMatch(/^running/);
  });
});
