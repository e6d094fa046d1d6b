import { splitImageRef } from '@porthole/shared/image-ref';
import type { PullEvent } from '@porthole/shared/images';
import type { EngineApi } from './engine-api.ts';
import { readJsonLines } from './json-lines.ts';

/** One message of the engine's JSON progress stream (pull, push, load, build). */
export interface ProgressMessage {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

type LayerEvent = Extract<PullEvent, { type: 'layer' }>;

const LAYER_ID = /^[0-9a-f]{12}$/;
/** Statuses after which a layer has all its bytes (its bar is full). */
const HAS_BYTES = /^(Pull complete|Already exists|Layer already exists|Pushed|Mounted from|Download complete|Verifying Checksum)/;
/** Statuses after which a layer is finished. */
const FINISHED = /^(Pull complete|Already exists|Layer already exists|Pushed|Mounted from)/;

/**
 * Folds the engine's progress messages into typed events: one `layer` event per layer message
 * (with `done`, and `current`/`total` kept across messages that leave them out), the other
 * messages as `status` lines, an in-band failure as `error`.
 */
export class ProgressNormaliser {
  private readonly layers = new Map<string, LayerEvent>();
  /** The image's digest, once the engine said it (`Digest: sha256:…`). */
  digest: string | undefined;
  failure: string | undefined;

  apply(m: ProgressMessage): PullEvent | undefined {
    if (m.error || m.errorDetail?.message) {
      this.failure = m.errorDetail?.message || m.error || 'The pull failed';
      return { type: 'error', message: this.failure };
    }
    if (m.id && m.status && LAYER_ID.test(m.id)) {
      const prev = this.layers.get(m.id) ?? { type: 'layer', id: m.id, status: '', current: 0, total: 0, done: false };
      const next: LayerEvent = { ...prev, status: m.status };
      if (m.progressDetail?.total) {
        next.total = m.progressDetail.total;
        next.current = m.progressDetail.current ?? 0;
      }
      if (FINISHED.test(m.status)) next.done = true;
      if (HAS_BYTES.test(m.status)) next.current = next.total;
      this.layers.set(m.id, next);
      return next;
    }
    const digest = /^Digest: (sha256:[0-9a-f]{64})/.exec(m.status ?? '');
    if (digest) this.digest = digest[1];
    const text = m.status ? `${m.id ? `${m.id}: ` : ''}${m.status}` : m.stream?.replace(/\n$/, '');
    return text ? { type: 'status', message: text } : undefined;
  }
}

export interface PullOptions {
  /** An X-Registry-Auth value: credentials for this pull only. */
  auth?: string;
  platform?: string;
  /** The client went away: the engine stream is closed (and the engine cancels the pull). */
  signal?: AbortSignal;
}

/**
 * `docker pull` with normalised progress: calls `onEvent` with each event as the engine reports
 * and resolves after the last one (`done`, or `error` for a failure the engine reported in the
 * stream). A failure before the pull started rejects (an `ApiError` with the engine's status).
 */
export async function pullImage(engine: EngineApi, ref: string, o: PullOptions, onEvent: (e: PullEvent) => void): Promise<void> {
  const { repo, tag } = splitImageRef(ref);
  const stream = await engine.pullImage({ image: repo, tag, platform: o.platform }, { auth: o.auth, signal: o.signal });
  const progress = new ProgressNormaliser();
  readJsonLines<ProgressMessage>(
    stream,
    (m) => {
      const event = progress.apply(m);
      if (event) onEvent(event);
    },
    (line) => onEvent({ type: 'status', message: line }),
  );
  // `end` comes after the last line was read; `close` without it: the stream was cut.
  const ended = await new Promise<boolean>((resolve) => {
    stream.once('end', () => resolve(true));
    stream.once('error', () => resolve(false));
    stream.once('close', () => resolve(false));
  });
  if (o.signal?.aborted || progress.failure) return;
  if (!ended) return onEvent({ type: 'error', message: 'The engine stopped the pull before it finished' });
  const image = tag.startsWith('sha256:') ? `${repo}@${tag}` : `${repo}:${tag}`;
  onEvent({ type: 'done', image, ...(progress.digest ? { digest: progress.digest } : {}) });
}
