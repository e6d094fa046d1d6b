import fs from 'node:fs';
import path from 'node:path';
import { type GatewaySpec, parseGateways } from './http/engine-gateways.ts';

export interface Config {
  port: number;
  host: string;
  /** DOCKER_HOST of the `local` engine: unix:///path or tcp://host:port. */
  dockerHost: string;
  dataDir: string;
  adminPassword: string | undefined;
  /** Directory with the built SPA; served when it exists. */
  webDist: string | undefined;
  /** Extra origins allowed for cookie-authenticated changes and websockets (besides the server's own). */
  allowedOrigins: string[];
  /** Names (besides loopback and the bind address) that may appear in `Host`: a classroom's LAN address. */
  allowedHosts: string[];
  /** Session lifetime: absolute and idle. */
  sessionMaxAgeMs: number;
  sessionIdleMs: number;
  logLevel: string;
  /** Mark the session cookie `Secure` (behind TLS). */
  secureCookies: boolean;
  /** Audit log entries are kept this many days (PORTHOLE_AUDIT_RETENTION_DAYS, default 90). */
  auditRetentionDays: number;
  /** PORTHOLE_AUDIT=off records nothing (only to measure what auditing costs in `pnpm bench`). */
  auditEnabled: boolean;
  /** Key for engine credentials at rest (else a generated `secret.key` in the data directory). */
  secretKey: string | undefined;
  /** `PORTHOLE_ENGINES`: a JSON array of engines (inline, or the path of a file holding it). */
  enginesSpec: string | undefined;
  /** `PORTHOLE_GATEWAYS`: engines served at the root path of listeners of their own (BuildKit). */
  gateways: GatewaySpec[];
  /** How often unwatched running containers are sampled for the 10-minute stats history (0: never). */
  statsSampleSeconds: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const statsSampleSeconds = Number(env.PORTHOLE_STATS_SAMPLE_SECONDS ?? 5);
  if (!Number.isFinite(statsSampleSeconds) || statsSampleSeconds < 0) {
    throw new Error(`PORTHOLE_STATS_SAMPLE_SECONDS must be a number of seconds ≥ 0, got "${env.PORTHOLE_STATS_SAMPLE_SECONDS}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dockerHost: env.DOCKER_HOST ?? 'unix:///var/run/docker.sock',
    dataDir: path.resolve(env.PORTHOLE_DATA_DIR ?? './data'),
    adminPassword: env.PORTHOLE_ADMIN_PASSWORD || undefined,
    webDist: env.PORTHOLE_WEB_DIST ?? defaultWebDist(import.meta.dirname),
    allowedOrigins: list(env.PORTHOLE_ALLOWED_ORIGINS),
    allowedHosts: list(env.PORTHOLE_ALLOWED_HOSTS),
    sessionMaxAgeMs: hours(env, 'PORTHOLE_SESSION_MAX_HOURS', 7 * 24),
    sessionIdleMs: hours(env, 'PORTHOLE_SESSION_IDLE_HOURS', 8),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.PORTHOLE_SECURE_COOKIES === '1',
    statsSampleSeconds,
    auditRetentionDays: hours(env, 'PORTHOLE_AUDIT_RETENTION_DAYS', 90) / 3600_000,
    auditEnabled: env.PORTHOLE_AUDIT !== 'off',
    secretKey: env.PORTHOLE_SECRET_KEY || undefined,
    enginesSpec: env.PORTHOLE_ENGINES || undefined,
    gateways: parseGateways(env.PORTHOLE_GATEWAYS),
  };
}

/**
 * The SPA when PORTHOLE_WEB_DIST names none: the bundle's own copy (`dist/bundle/web`, next to
 * `server.mjs`), else the repository's build (`apps/web/dist`) seen from the bundle or from `src/`.
 */
export function defaultWebDist(here: string): string {
  const candidates = [path.join(here, 'web'), path.resolve(here, '../../../web/dist'), path.resolve(here, '../../web/dist')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? (candidates[2] as string);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A positive number from the env (`fallback` when unset), × 1 h. */
function hours(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const h = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(h) || h <= 0) throw new Error(`${name} must be a number > 0, got "${raw}"`);
  return h * 3600_000;
}
