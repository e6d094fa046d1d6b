import type { IncomingHttpHeaders } from 'node:http';

export interface OriginPolicy {
  /** Mark our own origin as https (Porthole behind a TLS proxy, secure cookies). */
  secure: boolean;
  /** Extra origins allowed, exactly as a browser sends them (`https://porthole.example:8443`). */
  allowed: string[];
}

/**
 * True when a browser request comes from Porthole's own page: its `Origin` is exactly our own
 * origin (scheme, host and port) or a configured one; without an `Origin`, only when the browser
 * says `Sec-Fetch-Site: same-origin`. `SameSite=Strict` alone lets same-*site* pages (another port
 * on the same host) through, so cookie-authenticated changes and websockets need this too.
 */
export function isSameOrigin(headers: IncomingHttpHeaders, policy: OriginPolicy): boolean {
  const origin = headers.origin;
  if (origin === undefined) return headers['sec-fetch-site'] === 'same-origin';
  if (policy.allowed.includes(origin)) return true;
  const own = ownOrigins(headers.host, policy);
  return own.includes(origin.toLowerCase());
}

function ownOrigins(host: string | undefined, policy: OriginPolicy): string[] {
  if (!host) return [];
  const out: string[] = [];
  for (const scheme of policy.secure ? ['https', 'http'] : ['http']) {
    try {
      out.push(new URL(`${scheme}://${host}`).origin);
    } catch {
      // not a host: no origin matches
    }
  }
  return out;
}

/** Methods that change nothing (a websocket upgrade is a GET, but opens a channel for changes). */
export function isSafeRequest(method: string, headers: IncomingHttpHeaders): boolean {
  return (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') && headers.upgrade === undefined;
}
