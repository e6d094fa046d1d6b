import type { LogSettings } from './LogToolbar.tsx';

type Range = Pick<LogSettings, 'tail' | 'since' | 'until' | 'timestamps'>;

/** The `docker logs` / `docker compose logs` flags of a range (follow unless it has an end). */
export function logFlags(s: Range, timestamps = s.timestamps): string {
  return [
    s.until ? '' : '-f',
    s.tail === 'all' ? '' : `--tail ${s.tail}`,
    s.since && `--since ${s.since}`,
    s.until && `--until ${s.until}`,
    timestamps ? '-t' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
/** ` 2>&1 | grep -E '…'` for "only matching" lines. */
export const grepFor = (q: string) => (q ? ` 2>&1 | grep -E ${quote(q)}` : '');

/** `docker logs` of one container for the CLI disclosure. */
export function containerLogsCli(id: string, s: Range, q: string): string {
  return `docker logs ${logFlags(s)} ${id.slice(0, 12)}${grepFor(q)}`.replace(/ {2,}/g, ' ');
}

/**
 * The merged log on the CLI: `docker compose logs` for a project, else a loop of `docker logs`
 * that prefixes each line with its container (timestamps on, so `sort` can interleave them).
 */
export function mergedLogsCli(target: { project?: string; containers: string[] }, s: Range, q: string): string {
  if (target.project) return `docker compose -p ${quote(target.project)} logs ${logFlags(s, true)}${grepFor(q)}`;
  const names = target.containers.map(quote).join(' ');
  return `for c in ${names}; do docker logs ${logFlags(s, true)} "$c"${grepFor(q) || ' 2>&1'} | sed "s/^/$c | /" & done; wait`;
}
