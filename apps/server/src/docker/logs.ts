import { engineSockets } from '../http/engine-sockets.ts';
import { type EngineStream, engineStream } from '../http/engine-stream.ts';
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
export async function engineError(res: AsyncIterable<Buffer | string> & { statusCode?: number }): Promise<EngineHttpError> {
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
 * reads whole, which a million-line log must not be). Read off a raw engine connection: the
 * engine sends each line as its own HTTP chunk, and Node's HTTP client would hand them over one
 * by one (`http/engine-stream.ts`).
 */
export async function openLogStream(engine: Engine, id: string, req: LogRequest): Promise<EngineStream> {
  const qs = new URLSearchParams({
    follow: req.follow ? '1' : '0',
    stdout: req.stdout === false ? '0' : '1',
    stderr: req.stderr === false ? '0' : '1',
    timestamps: '1',
    tail: req.tail === undefined ? 'all' : String(req.tail),
  });
  if (req.since) qs.set('since', req.since);
  if (req.until) qs.set('until', req.until);
  const res = await engineStream(engineSockets(engine), `/containers/${encodeURIComponent(id)}/logs?${qs}`);
  if (res.statusCode !== 200) throw await engineError(res);
  return res;
}
