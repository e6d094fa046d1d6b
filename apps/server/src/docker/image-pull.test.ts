import { PassThrough } from 'node:stream';
import type { PullEvent } from '@porthole/shared/images';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { FakeEngine, ndjsonStream } from './fake-engine.ts';
import { pullImage } from './image-pull.ts';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** What the engine sends for a pull of a two-layer image, one layer already there (folding: shared/progress.test.ts). */
const PULL = [
  { status: 'Already exists', id: '0123456789ab' },
  { status: 'Downloading', id: 'fedcba987654', progressDetail: { current: 500, total: 2000 } },
  { status: 'Pull complete', id: 'fedcba987654', progressDetail: {} },
  { status: `Digest: ${DIGEST}` },
];

async function pull(engine: FakeEngine, ref: string) {
  const events: PullEvent[] = [];
  await pullImage(engine, ref, {}, (e) => events.push(e));
  return events;
}

describe('pullImage', () => {
  it('asks the engine for the repository and tag, and ends with done and the digest', async () => {
    const engine = new FakeEngine().answer('pullImage', async () => ndjsonStream(PULL));
    const events = await pull(engine, 'registry:5000/team/app:v2');
    expect(engine.calls[0]).toEqual(['pullImage', { image: 'registry:5000/team/app', tag: 'v2', platform: undefined }, undefined]);
    expect(events.at(-1)).toEqual({ type: 'done', image: 'registry:5000/team/app:v2', digest: DIGEST });
    expect(events.filter((e) => e.type === 'layer' && e.done).map((e) => e.type === 'layer' && e.id)).toEqual([
      '0123456789ab',
      'fedcba987654',
    ]);
  });

  it('pulls latest when no tag is given', async () => {
    const engine = new FakeEngine().answer('pullImage', async () => ndjsonStream([]));
    expect(await pull(engine, 'busybox')).toEqual([{ type: 'done', image: 'busybox:latest' }]);
  });

  it('ends with the engine’s error when it reports one in the stream (no done)', async () => {
    const engine = new FakeEngine().answer('pullImage', async () =>
      ndjsonStream([PULL[1], { errorDetail: { message: 'unauthorized: authentication required' }, error: 'unauthorized' }]),
    );
    const events = await pull(engine, 'private/app');
    expect(events.at(-1)).toEqual({ type: 'error', message: 'unauthorized: authentication required' });
    expect(events.some((e) => e.type === 'done')).toBe(false);
  });

  it('says so when the stream is cut before it ended', async () => {
    const stream = new PassThrough();
    const engine = new FakeEngine().answer('pullImage', async () => stream);
    const events: PullEvent[] = [];
    const done = pullImage(engine, 'busybox', {}, (e) => events.push(e));
    stream.write(`${JSON.stringify(PULL[1])}\n`);
    await new Promise((r) => setImmediate(r));
    stream.destroy();
    await done;
    expect(events.at(-1)).toEqual({ type: 'error', message: 'The engine stopped the pull before it finished' });
  });

  it('rejects with the engine’s answer when the pull cannot start', async () => {
    const engine = new FakeEngine().fail('pullImage', 400, 'invalid reference format');
    await expect(pull(engine, 'Bad')).rejects.toEqual(new ApiError(400, 'invalid reference format'));
  });
});
