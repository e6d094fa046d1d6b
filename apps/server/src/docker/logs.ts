import type { IncomingMessage } from 'node:http';
import type { Engine } from './engine.ts';

export interface LogRequest {
  follow: boolean;
  tail?: number | 'all';
  /** Engine time forms (`seconds.nanos`), see `parseTimeSpec`. */
  since?: string;
  until?: string;
  stdout?: boolean;
  stderr?: boolean;
}

export class EngineHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads an error answer of the engine (`{"message": ...}`) into an EngineHttpError. */
export async function engineError(res: IncomingMessage): Promise<EngineHttpError> {
  let body = '';
  for await (const chunk of res) body += chunk;
  let message = body.trim() || `Engine answered ${res.statusCode}`;
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? message;
  } catch {
    // not JSON
  }
  return new EngineHttpError(res.statusCode ?? 502, message);
}

/** Does the container run with a TTY (raw log stream) or not (multiplexed stdout/stderr frames)? */
export async function containerTty(engine: Engine, id: string): Promise<{ tty: boolean; running: boolean; id: string }> {
  const info = await engine.docker.getContainer(id).inspect();
  return { tty: !!info.Config.Tty, running: !!info.State.Running, id: info.Id };
}

/**
 * Opens `GET /containers/{id}/logs` with timestamps as a raw stream (dockerode buffers non-follow
 * reads whole, which a million-line log must not be).
 */
export function openLogStream(engine: Engine, id: string, req: LogRequest): Promise<IncomingMessage> {
  const qs = new URLSearchParams({
    follow: req.follow ? '1' : '0',
    stdout: req.stdout === false ? '0' : '1',
    stderr: req.stderr === false ? '0' : '1',
    timestamps: '1',
    tail: req.tail === undefined ? 'all' : String(req.tail),
  });
  if (req.since) qs.set('since', req.since);
  if (req.until) qs.set('until', req.until);
  return new Promise((resolve, reject) => {
    const r = engine.request({ method: 'GET', path: `/containers/${encodeURIComponent(id)}/logs?${qs}`, headers: { host: 'docker' } });
    r.on('response', (res) => {
      if (res.statusCode === 200) resolve(res);
      else engineError(res).then(reject, reject);
    });
    r.on('error', reject);
    r.end();
  });
}
