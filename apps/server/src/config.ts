import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** DOCKER_HOST of the `local` engine: unix:///path or tcp://host:port. */
  dockerHost: string;
  dataDir: string;
  adminPassword: string | undefined;
  /** Directory with the built SPA; served when it exists. */
  webDist: string | undefined;
  /** Extra origins allowed to open websockets (besides the server's own). */
  allowedOrigins: string[];
  logLevel: string;
  /** Mark the session cookie `Secure` (behind TLS). */
  secureCookies: boolean;
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
    webDist: env.PORTHOLE_WEB_DIST ?? path.resolve(import.meta.dirname, '../../web/dist'),
    allowedOrigins: (env.PORTHOLE_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.PORTHOLE_SECURE_COOKIES === '1',
    statsSampleSeconds,
  };
}
