/** One registered route: a method and a URL pattern as Fastify knows it. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

const LINE = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/;

/**
 * Lists every registered route from `app.printRoutes({ commonPrefix: false })`, so tests cover
 * routes added later without being told about them.
 */
export function parseRoutes(printed: string): RegisteredRoute[] {
  const stack: string[] = [];
  const routes: RegisteredRoute[] = [];
  for (const line of printed.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const depth = (m[1] as string).length / 4;
    stack.length = depth;
    stack.push(m[2] as string);
    // The tree prints a wildcard child without the slash before it.
    const url = stack.join('').replace(/([^/])\*$/, '$1/*');
    for (const method of m[3]?.split(',').map((s) => s.trim()) ?? []) routes.push({ method, url });
  }
  return routes;
}

/** A concrete URL for a route pattern (params and wildcards filled with plausible values). */
export function exampleUrl(pattern: string): string {
  return pattern
    .replace(/:engine/g, 'local')
    .replace(/:id/g, '1')
    .replace(/:[A-Za-z_]+/g, 'x')
    .replace(/\*/g, 'version');
}
