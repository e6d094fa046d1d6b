/**
 * A build context tar made in the browser from the editor's Dockerfile and uploaded files.
 * tar-stream needs Node's Buffer and streams in the browser; a ustar writer for a handful of
 * regular files is 40 lines, so it is written here instead of polyfilling Node.
 */

const enc = new TextEncoder();

function field(buf: Uint8Array, offset: number, length: number, value: string) {
  buf.set(enc.encode(value).subarray(0, length), offset);
}

const octal = (n: number, width: number) => `${n.toString(8).padStart(width - 1, '0')}\0`;

function header(name: string, size: number): Uint8Array {
  const h = new Uint8Array(512);
  let prefix = '';
  let base = name;
  if (enc.encode(name).length > 100) {
    const cut = name.lastIndexOf('/', 154);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  field(h, 0, 100, base);
  field(h, 100, 8, octal(0o644, 8));
  field(h, 108, 8, octal(0, 8));
  field(h, 116, 8, octal(0, 8));
  field(h, 124, 12, octal(size, 12));
  field(h, 136, 12, octal(Math.floor(Date.now() / 1000), 12));
  field(h, 148, 8, '        ');
  field(h, 156, 1, '0');
  field(h, 257, 6, 'ustar\0');
  field(h, 263, 2, '00');
  field(h, 345, 155, prefix);
  const sum = h.reduce((s, b) => s + b, 0);
  field(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** A tar of `files` (path → content), as a Blob ready to POST to `/build`. */
export async function contextTar(files: Array<{ path: string; data: Blob | string }>): Promise<Blob> {
  const parts: BlobPart[] = [];
  for (const f of files) {
    const data = typeof f.data === 'string' ? new Blob([f.data]) : f.data;
    parts.push(header(f.path.replace(/^\/+/, ''), data.size) as Uint8Array<ArrayBuffer>, data);
    const pad = (512 - (data.size % 512)) % 512;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(1024));
  return new Blob(parts, { type: 'application/x-tar' });
}

/** `KEY=VALUE` lines → an object (blank lines and # comments skipped). */
export function keyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const eq = t.indexOf('=');
    if (eq < 0) out[t] = '';
    else out[t.slice(0, eq).trim()] = t.slice(eq + 1);
  }
  return out;
}
