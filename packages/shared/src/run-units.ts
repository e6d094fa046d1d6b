/** The value syntaxes of `docker run` options: sizes, Go durations, CPUs, ports. */

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** `64m`, `1.5g`, `512kb`, `1024` → bytes (binary units, as docker's RAMInBytes); undefined if invalid. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)(?:b|ib)?$/i.exec(text.trim()) ?? /^(\d+(?:\.\d+)?)\s*(b)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = SIZE_UNITS[m[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number(m[1]) * unit);
}

/** Bytes → the shortest exact docker size (`67108864` → `64m`). */
export function formatSize(bytes: number): string {
  for (const u of ['p', 't', 'g', 'm', 'k'] as const) {
    const f = SIZE_UNITS[u]!;
    if (bytes >= f && bytes % f === 0) return `${bytes / f}${u}`;
  }
  return String(bytes);
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A Go duration (`30s`, `1m30s`, `500ms`) → nanoseconds; undefined if invalid. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s)) return undefined;
  let total = 0;
  for (const part of s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * DURATION_UNITS[part[2]!]!;
  return Math.round(total);
}

/** Nanoseconds → a Go duration (`90e9` → `1m30s`). */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  let rest = ns;
  let out = '';
  for (const [u, f] of [
    ['h', 3600e9],
    ['m', 60e9],
    ['s', 1e9],
    ['ms', 1e6],
    ['us', 1e3],
    ['ns', 1],
  ] as const) {
    if (rest >= f) {
      out += `${Math.floor(rest / f)}${u}`;
      rest %= f;
    }
  }
  return out;
}

/** `--cpus 0.5` → NanoCpus; undefined if not a number ≥ 0. */
export function parseCpus(text: string): number | undefined {
  if (!/^\d*\.?\d+$/.test(text.trim())) return undefined;
  return Math.round(Number(text) * 1e9);
}

export const formatCpus = (nano: number): string => String(nano / 1e9);

/** A whole number (optionally negative); undefined if not. */
export function parseInteger(text: string, { allowNegative = false } = {}): number | undefined {
  const t = text.trim();
  if (!(allowNegative ? /^-?\d+$/ : /^\d+$/).test(t)) return undefined;
  return Number(t);
}

/** `8080` or `8000-8010` → [first, last]; undefined if not ports 1–65535. */
export function parsePortRange(text: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (a < 1 || b > 65535 || b < a) return undefined;
  return [a, b];
}

/** `0-3`, `0,2`, `1-2,4` (the syntax of `--cpuset-cpus`). */
export const isCpuset = (text: string): boolean => /^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text.trim());

/** A container name as the engine accepts it. */
export const isContainerName = (text: string): boolean => /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(text);
