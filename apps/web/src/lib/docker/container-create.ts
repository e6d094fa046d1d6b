import type { CreateRequest } from '@porthole/shared/run-create';
import { docker } from '../api-client.ts';
import { pullImage } from './image-streams.ts';

export interface PullProgress {
  /** Latest status per layer (or the overall status under ''). */
  layers: Record<string, string>;
}

export async function imageIsLocal(engine: string, ref: string): Promise<boolean> {
  try {
    await docker(engine, `/images/${encodeURIComponent(ref)}/json`);
    return true;
  } catch {
    return false;
  }
}

/** Pulls the image of a new container (the server's pull), reporting the latest status per layer. */
export async function pullForRun(engine: string, ref: string, onProgress: (p: PullProgress) => void): Promise<void> {
  const layers: Record<string, string> = {};
  await pullImage(engine, ref, (e) => {
    if (e.type === 'layer') layers[e.id] = e.total && !e.done ? `${e.status} ${Math.round((e.current / e.total) * 100)}%` : e.status;
    else if (e.type === 'status') layers[''] = e.message;
    else return;
    onProgress({ layers: { ...layers } });
  });
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
