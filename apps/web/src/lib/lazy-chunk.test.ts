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

describe('every lazy chunk retries', () => {
  it('no module but lazy-chunk.ts uses React.lazy (it keeps a failed fetch for good)', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.test\./.test(name)) files.push(path);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter(
      (f) =>
        !f.endsWith(join('lib', 'lazy-chunk.ts')) &&
        /import \{[^}]*\blazy\b[^}]*\} from 'react'|React\.lazy\(/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
