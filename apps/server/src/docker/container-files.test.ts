import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UploadError } from './archive-upload.ts';
import { putFile } from './container-files.ts';
import type { Engine } from './engine.ts';

/** An engine that must not be called: the name is refused before any engine call. */
const untouchable = {
  request: () => {
    throw new Error('the engine was called');
  },
} as unknown as Engine;

describe('putFile', () => {
  it.each(['..', '.', '', 'a/..', '../x', 'x\0y', '..\0', 'a\\..'])('refuses the name %j itself, whoever calls it', async (name) => {
    const err = await putFile(untouchable, 'c', '/tmp', name, 1, Readable.from(['x'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect(err).toMatchObject({ status: 400 });
    expect((err as Error).message).toMatch(/name/i);
  });
});
