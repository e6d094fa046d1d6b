import { ApiError } from '../api-client.ts';

/** One message of the engine's JSON progress stream (pull, push, build, load). */
export interface ProgressMessage {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  aux?: { ID?: string; Tag?: string; Digest?: string; Size?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/**
 * Reads a newline-delimited JSON response as it arrives and calls `onMessage` with each value.
 * Rejects with the engine's message when the stream reports an error (the HTTP status is 200
 * by then).
 */
export async function readProgress(res: Response, onMessage: (m: ProgressMessage) => void): Promise<void> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let failure: string | undefined;
  const handle = (line: string) => {
    if (!line.trim()) return;
    let m: ProgressMessage;
    try {
      m = JSON.parse(line) as ProgressMessage;
    } catch {
      m = { stream: `${line}\n` };
    }
    if (m.error) failure = m.errorDetail?.message ?? m.error;
    onMessage(m);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      handle(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
  }
  handle(buffered);
  if (failure) throw new ApiError(500, failure);
}

export interface LayerProgress {
  id: string;
  status: string;
  current: number;
  total: number;
  done: boolean;
}

const DONE = /^(Pull complete|Already exists|Layer already exists|Pushed|Mounted from|Download complete|Verifying Checksum)/;
const FINAL = /^(Pull complete|Already exists|Layer already exists|Pushed|Mounted from)/;

/** Folds progress messages into per-layer rows (in arrival order) and status lines. */
export class ProgressState {
  layers = new Map<string, LayerProgress>();
  lines: string[] = [];

  apply(m: ProgressMessage): void {
    if (m.id && m.status && /^[0-9a-f]{12}$/.test(m.id)) {
      const prev = this.layers.get(m.id) ?? { id: m.id, status: '', current: 0, total: 0, done: false };
      const next: LayerProgress = { ...prev, status: m.status };
      if (m.progressDetail?.total) {
        next.total = m.progressDetail.total;
        next.current = m.progressDetail.current ?? 0;
      }
      if (FINAL.test(m.status)) {
        next.done = true;
        next.current = next.total;
      } else if (DONE.test(m.status) && next.total) next.current = next.total;
      this.layers.set(m.id, next);
      return;
    }
    const text = m.status ? `${m.id ? `${m.id}: ` : ''}${m.status}` : m.stream;
    if (text) this.lines.push(text.replace(/\n$/, ''));
    if (m.error) this.lines.push(`ERROR: ${m.errorDetail?.message ?? m.error}`);
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
