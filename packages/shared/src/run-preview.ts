import { runCommandLines } from './run-command.ts';
import type { FieldErrors } from './run-create.ts';
import type { RunSpec } from './run-spec.ts';

/**
 * The `docker run` preview of a form that has invalid fields: never the invalid value itself
 * (`-p 127.0.0.1:70000:http --cpus -1` would teach a command the CLI refuses), but a marked gap
 * where it goes. Each invalid field's value is replaced by a marker carrying its error key; the
 * command is built as usual; the text is then cut into plain parts and marked ones.
 */
export type PreviewPart = { text: string } | { invalid: string; message: string };

// Characters the shell quoting leaves alone, so a marker never changes how its word is quoted.
const marker = (key: string) => `@@${key}@@`;
const MARKED = /@@([A-Za-z0-9.]+)@@/g;

/** The spec with each invalid field (by its error key: `memory`, `ports.0.hostPort`, `capAdd`) replaced by its marker. */
function withMarkers(spec: RunSpec, errors: FieldErrors): RunSpec {
  const copy = structuredClone(spec) as unknown as Record<string, unknown>;
  for (const key of Object.keys(errors)) {
    const path = key.split('.');
    let holder: Record<string, unknown> | unknown[] | undefined = copy;
    for (const step of path.slice(0, -1)) holder = (holder as Record<string, unknown>)?.[step] as typeof holder;
    const last = path.at(-1) as string;
    if (!holder || typeof holder !== 'object') continue;
    const current = (holder as Record<string, unknown>)[last];
    (holder as Record<string, unknown>)[last] = Array.isArray(current) ? [marker(key)] : marker(key);
  }
  return copy as unknown as RunSpec;
}

/** The preview's lines, each cut into plain text and marked gaps (with the error to fix). */
export function previewParts(spec: RunSpec, errors: FieldErrors): PreviewPart[][] {
  return runCommandLines(withMarkers(spec, errors)).map((line) => {
    const parts: PreviewPart[] = [];
    let at = 0;
    for (const m of line.matchAll(MARKED)) {
      const key = m[1] as string;
      if (!(key in errors)) continue;
      if ((m.index ?? 0) > at) parts.push({ text: line.slice(at, m.index) });
      parts.push({ invalid: key, message: errors[key] as string });
      at = (m.index ?? 0) + m[0].length;
    }
    if (at < line.length) parts.push({ text: line.slice(at) });
    return parts;
  });
}
