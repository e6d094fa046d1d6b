import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { putFile } from './container-files.ts';
import { FakeEngine } from './fake-engine.ts';

describe('putFile', () => {
  it.each(['..', '.', '', 'a/..', '../x', 'x\0y', '..\0', 'a\\..'])('refuses the name %j itself, whoever calls it', async (name) => {
    // The name is refused before any engine call.
    const engine = new FakeEngine();
    const err = await putFile(engine, 'c', '/tmp', name, 1, Readable.from(['x'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400 });
    expect((err as Error).message).toMatch(/name/i);
    expect(engine.calls).toEqual([]);
  });
});
