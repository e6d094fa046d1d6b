import type { PullEvent } from './images.ts';

/**
 * The Engine API's JSON progress messages (pull, push, load, build), folded into typed events:
 * the server's pull route sends them, and a view reading a push, load or build stream itself uses
 * the same folding.
 */

/** One message of the engine's newline-delimited JSON progress stream. */
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

export type LayerProgress = Extract<PullEvent, { type: 'layer' }>;

const LAYER_ID = /^[0-9a-f]{12}$/;
/** Statuses after which a layer has all its bytes (its bar is full). */
const HAS_BYTES = /^(Pull complete|Already exists|Layer already exists|Pushed|Mounted from|Download complete|Verifying Checksum)/;
/** Statuses after which a layer is finished. */
const FINISHED = /^(Pull complete|Already exists|Layer already exists|Pushed|Mounted from)/;

/**
 * One `layer` event per layer message (with `done`, and `current`/`total` kept across messages
 * that leave them out), the other messages as `status` lines, an in-band failure as `error`.
 */
export class ProgressNormaliser {
  private readonly layers = new Map<string, LayerProgress>();
  /** The image's digest, once the engine said it (`Digest: sha256:…`). */
  digest: string | undefined;
  /** The engine's message, once it reported a failure. */
  failure: string | undefined;

  apply(m: ProgressMessage): PullEvent | undefined {
    if (m.error || m.errorDetail?.message) {
      this.failure = m.errorDetail?.message || m.error || 'The engine reported a failure';
      return { type: 'error', message: this.failure };
    }
    if (m.id && m.status && LAYER_ID.test(m.id)) {
      const prev = this.layers.get(m.id) ?? { type: 'layer', id: m.id, status: '', current: 0, total: 0, done: false };
      const next: LayerProgress = { ...prev, status: m.status };
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

  /** Every layer's latest state, in the order they first appeared. */
  layerStates(): LayerProgress[] {
    return [...this.layers.values()];
  }
}
