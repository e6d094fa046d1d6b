import type { PullEvent } from '@porthole/shared/images';
import { type LayerProgress, type ProgressMessage, ProgressNormaliser } from '@porthole/shared/progress';
import { ApiError } from '../api-client.ts';

export type { LayerProgress, ProgressMessage };

/**
 * The web's one reader of newline-delimited JSON answers (engine progress, the server's pull
 * events, finite event histories): calls `onLine` with each non-empty line as it arrives.
 */
export async function readLines(res: Response, onLine: (line: string) => void): Promise<void> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      const line = buffered.slice(0, nl);
      if (line.trim()) onLine(line);
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
  }
  if (buffered.trim()) onLine(buffered);
}

/** Every line of a finite newline-delimited JSON answer, parsed. */
export async function readJsonLines<T>(res: Response): Promise<T[]> {
  const values: T[] = [];
  await readLines(res, (line) => values.push(JSON.parse(line) as T));
  return values;
}

/**
 * Reads the engine's own progress stream (push, load, build) and calls `onMessage` with each message
 * and its event as the shared `ProgressNormaliser` folds it (the server folds a pull the same way). Rejects with
 * the engine's message when the stream reports an error (the HTTP status is 200 by then).
 */
export async function readProgress(res: Response, onMessage: (m: ProgressMessage, e: PullEvent | undefined) => void): Promise<void> {
  const fold = new ProgressNormaliser();
  await readLines(res, (line) => {
    let m: ProgressMessage;
    try {
      m = JSON.parse(line) as ProgressMessage;
    } catch {
      m = { stream: `${line}\n` };
    }
    onMessage(m, fold.apply(m));
  });
  if (fold.failure) throw new ApiError(500, fold.failure);
}

/** Progress events folded into per-layer rows (in arrival order) and status lines, for a view to draw. */
export class ProgressState {
  layers = new Map<string, LayerProgress>();
  lines: string[] = [];

  apply(e: PullEvent | undefined): void {
    if (!e) return;
    if (e.type === 'layer') this.layers.set(e.id, e);
    else if (e.type === 'status') this.lines.push(e.message);
    else if (e.type === 'error') this.lines.push(`ERROR: ${e.message}`);
  }

  /** Overall progress 0–100 across the layers that report a size. */
  overall(): number {
    const rows = [...this.layers.values()];
    if (rows.length === 0) return 0;
    return Math.round((rows.reduce((s, l) => s + (l.done ? 1 : l.total ? Math.min(1, l.current / l.total) : 0), 0) / rows.length) * 100);
  }
}

/** The X-Registry-Auth header value for per-request credentials (never stored). */
export function registryAuth(username: string, password: string, serveraddress: string): string | undefined {
  if (!username && !password) return undefined;
  const json = JSON.stringify({ username, password, serveraddress });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}
