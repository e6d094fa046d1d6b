import { ensureBuiltServer } from './built-server.ts';

/**
 * Integration tests that start a server process run the built server (test/server-process.ts):
 * build it here when it is missing or older than its sources (scripts/test.sh builds it once
 * before the suites, so there this only checks). Tests that call `buildApp` in-process
 * (test/harness.ts) run the same source directly.
 */
export default function globalSetup(): void {
  ensureBuiltServer();
}
