/**
 * Paths inside a container, as the server normalises them: absolute, `.` and `..` resolved,
 * never above `/` (the same as `containerPath` on the server, so the view shows what it lists).
 */
export function normalisePath(p: string): string {
  const out: string[] = [];
  for (const part of p.replace(/\0/g, '').split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export const joinPath = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);
export const parentPath = (dir: string) => dir.replace(/\/[^/]+$/, '') || '/';
