import type { PullEvent } from '@porthole/shared/images';
import { ApiError, apiFetch, dockerPath } from '../api-client.ts';
import { type ProgressMessage, readLines, readProgress } from './progress-stream.ts';

type OnMessage = (m: ProgressMessage, e: PullEvent | undefined) => void;
const enc = encodeURIComponent;

/**
 * `docker pull` through the server's composite (`POST /api/engines/:engine/images/pull`): the
 * server folds the engine's progress and answers `PullEvent`s; resolves with the `done` event,
 * rejects with the engine's message. No tag means `latest`.
 */
export async function pullImage(
  engine: string,
  image: string,
  onEvent: (e: PullEvent) => void,
  o: { auth?: string; signal?: AbortSignal } = {},
): Promise<Extract<PullEvent, { type: 'done' }> | undefined> {
  const res = await apiFetch(`/api/engines/${enc(engine)}/images/pull`, {
    method: 'POST',
    body: { image },
    headers: o.auth ? { 'x-registry-auth': o.auth } : {},
    signal: o.signal,
  });
  let failure: string | undefined;
  let done: Extract<PullEvent, { type: 'done' }> | undefined;
  await readLines(res, (line) => {
    const e = JSON.parse(line) as PullEvent;
    if (e.type === 'error') failure = e.message;
    if (e.type === 'done') done = e;
    onEvent(e);
  });
  if (failure) throw new ApiError(500, failure);
  return done;
}

/** `docker push REPO:TAG`; the engine wants an X-Registry-Auth header, even an empty one. */
export async function pushImage(engine: string, repo: string, tag: string, auth: string, onMessage: OnMessage, signal?: AbortSignal) {
  const res = await apiFetch(dockerPath(engine, `/images/${enc(repo)}/push`), {
    method: 'POST',
    query: { tag },
    headers: { 'X-Registry-Auth': auth },
    signal,
  });
  await readProgress(res, onMessage);
}

/** `docker load` from a tar, streamed to the engine as it is read. */
export async function loadImage(engine: string, tar: Blob, onMessage: OnMessage) {
  const res = await apiFetch(dockerPath(engine, '/images/load'), {
    method: 'POST',
    body: tar,
    headers: { 'content-type': 'application/x-tar' },
  });
  await readProgress(res, onMessage);
}

export interface BuildOptions {
  t?: string;
  dockerfile: string;
  buildargs?: string;
  labels?: string;
  target?: string;
  nocache?: boolean;
}

/** `docker build` of a tar context (the classic builder's progress stream). */
export async function buildImage(engine: string, context: Blob, o: BuildOptions, onMessage: OnMessage, signal?: AbortSignal) {
  const res = await apiFetch(dockerPath(engine, '/build'), {
    method: 'POST',
    body: context,
    headers: { 'content-type': 'application/x-tar' },
    signal,
    query: { ...o, rm: true },
  });
  await readProgress(res, onMessage);
}

/** The download URL of `docker save REF`. */
export const imageExportUrl = (engine: string, ref: string) => dockerPath(engine, `/images/${enc(ref)}/get`);
