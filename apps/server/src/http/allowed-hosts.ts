import net from 'node:net';

/**
 * The `Host` values Porthole answers to. A page on another name that resolves to this machine
 * (DNS rebinding) carries its own name in `Host`, so refusing unknown names keeps such pages away
 * from a Porthole bound to 127.0.0.1. Allowed: loopback names, the bind address when it is a
 * specific one, and the names configured in `PORTHOLE_ALLOWED_HOSTS` (a classroom's LAN address).
 */
export class AllowedHosts {
  private readonly names: Set<string>;

  constructor(bindHost: string, configured: string[]) {
    this.names = new Set(['localhost', '127.0.0.1', '::1']);
    for (const c of configured) {
      const name = hostnameOf(c);
      if (name) this.names.add(name);
    }
    const bind = hostnameOf(bindHost);
    if (bind && bind !== '0.0.0.0' && bind !== '::') this.names.add(bind);
  }

  /** True when the `Host` header (or an absolute-form authority) names this server. */
  allows(host: string | undefined): boolean {
    if (!host) return false;
    const name = hostnameOf(host);
    if (!name) return false;
    if (this.names.has(name)) return true;
    // Every 127.x address is this machine's loopback.
    return net.isIPv4(name) && name.startsWith('127.');
  }

  list(): string[] {
    return [...this.names];
  }
}

/** `Example.COM:8080` → `example.com`, `[::1]:80` → `::1`; undefined when it is not a host. */
export function hostnameOf(host: string): string | undefined {
  const h = host.trim().toLowerCase();
  if (!h || /[\s/@?#\\]/.test(h)) return undefined;
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return undefined;
    const rest = h.slice(end + 1);
    if (rest && !/^:\d{1,5}$/.test(rest)) return undefined;
    return h.slice(1, end);
  }
  const colon = h.indexOf(':');
  if (colon >= 0 && h.indexOf(':', colon + 1) >= 0) return net.isIPv6(h) ? h : undefined; // bare IPv6
  if (colon >= 0 && !/^\d{1,5}$/.test(h.slice(colon + 1))) return undefined;
  return colon >= 0 ? h.slice(0, colon) : h;
}
