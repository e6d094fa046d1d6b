const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `bytes` in the largest unit (each `step` times the last) that keeps it at or above 1. */
function scaled(bytes: number, step: number, units: string[]): string {
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= step && i < units.length - 1) {
    v /= step;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

/** Bytes as the docker CLI prints them (decimal units: 1 kB = 1000 B). */
export function formatBytes(bytes: number | undefined | null): string {
  if (bytes === undefined || bytes === null || Number.isNaN(bytes)) return '—';
  return scaled(bytes, 1000, DECIMAL_UNITS);
}

/** Binary units for memory (MiB, GiB), as `docker stats` shows memory. */
export function formatMemory(bytes: number | undefined | null): string {
  if (bytes === undefined || bytes === null) return '—';
  return scaled(bytes, 1024, BINARY_UNITS);
}

// One formatter for every call: constructing one costs more than the formatting (a list of a few
// hundred rows spent ~100 ms of its first render on it).
const relativeTime = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
/** `3 min. ago`: for columns where every character counts (the containers list). */
const relativeTimeShort = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

/** "3 minutes ago" from a unix time in seconds or an ISO date. */
export function timeAgo(time: number | string | undefined, style: 'long' | 'short' = 'long'): string {
  if (time === undefined) return '—';
  const rt = style === 'short' ? relativeTimeShort : relativeTime;
  const ms = typeof time === 'number' ? time * 1000 : Date.parse(time);
  if (Number.isNaN(ms) || ms <= 0) return '—';
  const s = Math.round((Date.now() - ms) / 1000);
  if (Math.abs(s) < 60) return rt.format(-s, 'second');
  if (Math.abs(s) < 3600) return rt.format(-Math.round(s / 60), 'minute');
  if (Math.abs(s) < 86400) return rt.format(-Math.round(s / 3600), 'hour');
  return rt.format(-Math.round(s / 86400), 'day');
}

export const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
