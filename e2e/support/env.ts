import os from 'node:os';
import path from 'node:path';

const port = Number(process.env.PORTHOLE_E2E_PORT ?? 18080);

/**
 * Where the e2e suite finds Porthole. By default Playwright starts the server itself on
 * 127.0.0.1:PORTHOLE_E2E_PORT (18080) with a fresh data dir; PORTHOLE_E2E_URL points the suite
 * at a Porthole that is already running (e.g. the containerised one of the classroom test).
 */
export const E2E = {
  port,
  external: Boolean(process.env.PORTHOLE_E2E_URL),
  baseURL: process.env.PORTHOLE_E2E_URL ?? `http://127.0.0.1:${port}`,
  dataDir: path.join(os.tmpdir(), `porthole-e2e-${port}`),
  username: 'admin',
  password: process.env.PORTHOLE_E2E_PASSWORD ?? 'e2e-admin-password',
  /** Every object a spec creates carries these labels; cleanup removes by the run label. */
  runLabel: `porthole.test.run=${process.env.PORTHOLE_TEST_RUN ?? `e2e-${port}`}`,
  fixtureImage: 'porthole-test/busybox:latest',
  /**
   * A container the global setup starts before any spec and nobody watches: stats.spec opens its
   * stats page once it has run two minutes (its own label, so specs' run cleanups leave it alone).
   */
  unwatchedName: `pt-e2e-unwatched-${port}`,
  unwatchedLabel: 'porthole.test.e2e=unwatched',
  /** Everything the server Playwright starts writes (stdout and stderr), for specs that read the log. */
  serverLog: path.join(os.tmpdir(), `porthole-e2e-${port}.log`),
  screenshots: path.resolve(import.meta.dirname, '../screenshots'),
};
