import { splitImageRef } from '@porthole/shared/image-ref';
import type { PullEvent } from '@porthole/shared/images';
import { type ProgressMessage, ProgressNormaliser } from '@porthole/shared/progress';
import type { EngineApi } from './engine-api.ts';
import { readJsonLines } from './json-lines.ts';

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
