/**
 * Request targets are normalised once, before the router, the auth hook and the proxy see them,
 * so that all three read the same path (the review found `/%61pi/engines` routed to `/api/engines`
 * while the auth hook, reading the raw string, let it through).
 *
 * * origin-form (`/path?query`) is the norm; absolute-form (`http://host/path`) is accepted as
 *   RFC 9112 asks, its authority then stands for `Host`; anything else (`*`, authority-form) is
 *   refused;
 * * percent-encoded unreserved characters (`%61` → `a`, `%2E` → `.`) are decoded (RFC 3986 §6.2.2.2:
 *   they mean the same);
 * * dot segments are removed (RFC 3986 §5.2.4) and runs of slashes collapsed;
 * * everything else (`%2F`, `%20`, the query) is left as sent.
 */

export type TargetResult = { ok: true; path: string; query: string; authority?: string } | { ok: false; message: string };

const UNRESERVED = /%([0-9A-Fa-f]{2})/g;
const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/;

function decodeUnreserved(path: string): string {
  return path.replace(UNRESERVED, (seq, hex: string) => {
    const c = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : seq.toUpperCase();
  });
}

/** RFC 3986 §5.2.4 on an absolute path, plus collapsing `//`. */
export function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split('/').slice(1);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as string;
    const last = i === segments.length - 1;
    if (s === '..') {
      out.pop();
      if (last) out.push('');
    } else if (s === '.') {
      if (last) out.push('');
    } else if (s === '' && !last) {
      // `a//b` → `a/b`
    } else out.push(s);
  }
  return `/${out.join('/')}`;
}

export function normaliseTarget(raw: string): TargetResult {
  let target = raw;
  let authority: string | undefined;
  if (!target.startsWith('/')) {
    const m = ABSOLUTE.exec(target);
    if (!m || !/^https?$/i.test(m[1] as string)) return { ok: false, message: `Unsupported request target "${raw.slice(0, 100)}"` };
    authority = (m[2] as string).replace(/^[^@]*@/, '');
    target = (m[3] as string) || '/';
    if (!target.startsWith('/')) target = `/${target}`;
  }
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  const path = removeDotSegments(decodeUnreserved(rawPath));
  return { ok: true, path, query, ...(authority !== undefined ? { authority } : {}) };
}

export function targetUrl(t: { path: string; query: string }): string {
  return t.query ? `${t.path}?${t.query}` : t.path;
}
