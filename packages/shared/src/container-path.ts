/**
 * Paths inside a container, normalised the one way server and browser both use: absolute, `.`
 * and `..` resolved, never above `/`, no trailing slash, no NUL (the archive endpoints resolve a
 * path in the container's own filesystem, so `..` can never leave it).
 */
export function normaliseContainerPath(p: string): string {
  const out: string[] = [];
  for (const part of p.replace(/\0/g, '').split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export const joinContainerPath = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);
export const parentContainerPath = (dir: string) => dir.replace(/\/[^/]+$/, '') || '/';
