import type { CreateRequest } from '@porthole/shared/run-create';
import { apiFetch, docker, dockerPath } from '../api-client.ts';

export interface PullProgress {
  /** Latest status per layer (or the overall status under ''). */
  layers: Record<string, string>;
}

/** `nginx` → `nginx:latest`; references with a tag or digest stay as they are. */
export function withDefaultTag(ref: string): string {
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  return ref.includes('@') || lastPart.includes(':') ? ref : `${ref}:latest`;
}

export async function imageIsLocal(engine: string, ref: string): Promise<boolean> {
  try {
    await docker(engine, `/images/${encodeURIComponent(ref)}/json`);
    return true;
  } catch {
    return false;
  }
}

/** Pulls an image, reporting the engine's progress lines; throws the engine's error. */
export async function pullImage(engine: string, ref: string, onProgress: (p: PullProgress) => void): Promise<void> {
  const full = withDefaultTag(ref);
  const at = full.includes('@') ? full.indexOf('@') : full.lastIndexOf(':');
  const res = await apiFetch(dockerPath(engine, '/images/create'), {
    method: 'POST',
    query: { fromImage: full.slice(0, at), tag: full.slice(at + 1) },
  });
  const reader = res.body?.getReader();
  if (!reader) return;
  const decoder = new TextDecoder();
  const layers: Record<string, string> = {};
  let buf = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const msg = JSON.parse(line) as {
        id?: string;
        status?: string;
        progress?: string;
        error?: string;
        errorDetail?: { message: string };
      };
      if (msg.error) throw new Error(msg.errorDetail?.message ?? msg.error);
      layers[msg.id ?? ''] = [msg.status, msg.progress].filter(Boolean).join(' ');
      onProgress({ layers: { ...layers } });
    }
  }
}

/** Create, connect further networks, start — as `docker run` does. Returns the new id. */
export async function createContainer(
  engine: string,
  req: CreateRequest,
  onStep: (step: string) => void,
  onCreated: (id: string) => void = () => {},
): Promise<string> {
  onStep('Creating the container');
  const created = await docker<{ Id: string; Warnings: string[] | null }>(engine, '/containers/create', {
    method: 'POST',
    query: { name: req.name || undefined },
    body: req.body,
  });
  onCreated(created.Id);
  for (const c of req.connect) {
    onStep(`Connecting ${c.network}`);
    await docker(engine, `/networks/${encodeURIComponent(c.network)}/connect`, {
      method: 'POST',
      body: { ...c.body, Container: created.Id },
    });
  }
  if (req.start) {
    onStep('Starting');
    await docker(engine, `/containers/${created.Id}/start`, { method: 'POST' });
  }
  return created.Id;
}
