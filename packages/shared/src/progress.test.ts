import { describe, expect, it } from 'vitest';
import { ProgressNormaliser } from './progress.ts';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** What the engine sends for a pull of a two-layer image, one layer already there. */
const PULL = [
  { status: 'Pulling from team/app', id: 'v2' },
  { status: 'Already exists', id: '0123456789ab' },
  { status: 'Pulling fs layer', id: 'fedcba987654' },
  { status: 'Downloading', id: 'fedcba987654', progressDetail: { current: 500, total: 2000 }, progress: '[==>   ]' },
  { status: 'Verifying Checksum', id: 'fedcba987654', progressDetail: {} },
  { status: 'Download complete', id: 'fedcba987654', progressDetail: {} },
  { status: 'Extracting', id: 'fedcba987654', progressDetail: { current: 1000, total: 2000 } },
  { status: 'Pull complete', id: 'fedcba987654', progressDetail: {} },
  { status: `Digest: ${DIGEST}` },
  { status: 'Status: Downloaded newer image for registry:5000/team/app:v2' },
];

describe('ProgressNormaliser', () => {
  it('keeps a layer’s bytes across messages that leave them out, and marks it done once complete', () => {
    const p = new ProgressNormaliser();
    const layer = PULL.map((m) => p.apply(m)).filter((e) => e?.type === 'layer' && e.id === 'fedcba987654');
    expect(layer.map((e) => e && 'current' in e && [e.status, e.current, e.total, e.done])).toEqual([
      ['Pulling fs layer', 0, 0, false],
      ['Downloading', 500, 2000, false],
      ['Verifying Checksum', 2000, 2000, false],
      ['Download complete', 2000, 2000, false],
      ['Extracting', 1000, 2000, false],
      ['Pull complete', 2000, 2000, true],
    ]);
    expect(p.digest).toBe(DIGEST);
  });

  it('turns other messages into status lines and an in-band failure into an error', () => {
    const p = new ProgressNormaliser();
    expect(p.apply({ status: 'Pulling from team/app', id: 'v2' })).toEqual({ type: 'status', message: 'v2: Pulling from team/app' });
    expect(p.apply({ stream: 'Step 1/2\n' })).toEqual({ type: 'status', message: 'Step 1/2' });
    expect(p.apply({ error: 'x', errorDetail: { message: 'manifest unknown' } })).toEqual({ type: 'error', message: 'manifest unknown' });
    expect(p.apply({})).toBeUndefined();
  });
});
