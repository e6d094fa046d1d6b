import type { FastifyBaseLogger } from 'fastify';

/** A logger that logs nothing, for unit tests of live topics and the recorder. */
export const silentLog = {
  level: 'silent',
  fatal() {},
  error() {},
  warn() {},
  info() {},
  debug() {},
  trace() {},
  silent() {},
  child() {
    return silentLog;
  },
} as unknown as FastifyBaseLogger;
