import { afterAll, beforeAll } from 'vitest';
import type { testRun } from '../docker-cli.ts';
import { type TestServer, startServer } from '../harness.ts';
import { type ServerProcess, startServerProcess } from '../server-process.ts';

type Env = Record<string, string>;
export type TestRun = ReturnType<typeof testRun>;

export interface FixtureOptions {
  /** The server's environment; a function is called in beforeAll (after the block's earlier hooks, e.g. a proxy they started). */
  env?: Env | (() => Env);
  /** Sign in as admin before the tests (default true); `cookie` is '' otherwise. */
  signIn?: boolean;
  /** Also create an API token with this name (signed in as admin): `token`. */
  token?: string;
  /** A run whose labelled objects are removed after the server is closed. */
  run?: TestRun;
}

export interface ServerFixture<S> {
  /** Set in beforeAll: read these inside hooks and tests, not while the block is defined. */
  server: S;
  /** The admin session's `Cookie` header value. */
  cookie: string;
  /** The API token named by `options.token`, and its `authorization: Bearer …` header. */
  token: string;
  auth: Record<string, string>;
}

interface Startable {
  login(): Promise<string>;
  createToken(cookie: string, name?: string): Promise<string>;
}

function useStarted<S extends Startable>(start: (env: Env) => Promise<S>, stop: (server: S) => Promise<void>, options: FixtureOptions) {
  const fixture = { cookie: '', token: '', auth: {} } as ServerFixture<S>;
  beforeAll(async () => {
    const server = await start(typeof options.env === 'function' ? options.env() : (options.env ?? {}));
    fixture.server = server;
    if (options.signIn !== false || options.token) fixture.cookie = await server.login();
    if (options.token) {
      fixture.token = await server.createToken(fixture.cookie, options.token);
      fixture.auth = { authorization: `Bearer ${fixture.token}` };
    }
  });
  afterAll(async () => {
    if (fixture.server) await stop(fixture.server);
    await options.run?.cleanup();
  });
  return fixture;
}

/**
 * For the describe block it is called in: before all, starts the app in this process (`startServer`)
 * and signs in as admin; after all, closes it and removes what `options.run` created. Hooks the
 * block registers earlier run before the start and after the clean-up (vitest's stacked hooks).
 */
export function useTestServer(options: FixtureOptions = {}): ServerFixture<TestServer> {
  return useStarted(startServer, (server) => server.close(), options);
}

/** The same for the built server as a child process (`startServerProcess`). */
export function useServerProcess(options: FixtureOptions = {}): ServerFixture<ServerProcess> {
  return useStarted(startServerProcess, (server) => server.stop(), options);
}
