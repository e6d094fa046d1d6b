/** What a viewer sees instead of an environment variable's value. */
export const MASKED_VALUE = '******';

/**
 * A container inspect with every environment value masked (`KEY=******`; the names stay): what
 * viewers get on every path (the proxy's `GET /containers/{id}/json`, so `docker inspect`
 * through Porthole too). Values may be secrets (passwords, API keys); names are not.
 */
export function maskContainerEnv<T>(inspect: T): T {
  const config = (inspect as { Config?: { Env?: unknown } } | null)?.Config;
  if (!config || !Array.isArray(config.Env)) return inspect;
  const Env = config.Env.map((e) => (typeof e === 'string' && e.includes('=') ? `${e.slice(0, e.indexOf('='))}=${MASKED_VALUE}` : e));
  return { ...inspect, Config: { ...config, Env } };
}
