import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importChunk } from './lazy-chunk.ts';

describe('importChunk', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fetches again when the network failed the chunk', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue('module');
    const result = importChunk(load);
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('module');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('gives up after its retries with the last error', async () => {
    const load = vi.fn<() => Promise<string>>().mockRejectedValue(new TypeError('Failed to fetch dynamically imported module'));
    const result = importChunk(load);
    result.catch(() => undefined);
    await vi.runAllTimersAsync();
    await expect(result).rejects.toThrow('Failed to fetch dynamically imported module');
    expect(load).toHaveBeenCalledTimes(4);
  });
});
