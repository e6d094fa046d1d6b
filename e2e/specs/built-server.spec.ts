import { expect, test } from '../support/test.ts';
import { BUILT_SERVER, listenerPid, processArgv } from '../../apps/server/test/built-server.ts';
import { E2E } from '../support/env.ts';

/** Test what ships: the Porthole this suite drives is node on the built bundle, with source maps. */
test('the server under test is the built bundle (node --enable-source-maps dist/bundle/server.mjs)', () => {
  test.skip(E2E.external, 'the suite drives a Porthole it did not start');
  const pid = listenerPid(E2E.port);
  expect(pid, `a process listening on port ${E2E.port}`).toBeDefined();
  const argv = processArgv(pid as number);
  expect(argv[0]).toMatch(/(^|\/)node$/);
  expect(argv).toContain('--enable-source-maps');
  expect(argv.at(-1)).toBe(BUILT_SERVER);
  expect(argv.join(' ')).not.toMatch(/tsx|\.ts\b/);
});
