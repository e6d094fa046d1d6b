import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importChunk, pageReload } from './lazy-chunk.ts';

describe('importChunk', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const failure = () => new TypeError('Failed to fetch dynamically imported module');
  const reloads = (answer: boolean) => ({ reload: vi.fn((_chunk: string) => answer) });

  it('fetches again when the network failed the chunk once (browsers that fetch a failed module again)', async () => {
    const load = vi.fn<() => Promise<string>>().mockRejectedValueOnce(failure()).mockResolvedValue('module');
    const fallback = reloads(true);
    const result = importChunk(load, fallback);
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('module');
    expect(load).toHaveBeenCalledTimes(2);
    expect(fallback.reload).not.toHaveBeenCalled();
  });

  it('reloads the page when the chunk fails again (Chromium keeps a failed module for the page), and waits for it', async () => {
    const load = vi.fn<() => Promise<string>>().mockRejectedValue(failure());
    const fallback = reloads(true);
    let settled = false;
    void importChunk(load, fallback).finally(() => {
      settled = true;
    });
    await vi.runAllTimersAsync();
    expect(load).toHaveBeenCalledTimes(2);
    expect(fallback.reload).toHaveBeenCalledWith('Failed to fetch dynamically imported module');
    // Neither the module nor an error: the page is going away.
    expect(settled).toBe(false);
  });

  it('gives up with the last error when a reload was just made (no reload loop)', async () => {
    const load = vi.fn<() => Promise<string>>().mockRejectedValue(failure());
    const fallback = reloads(false);
    const result = importChunk(load, fallback);
    result.catch(() => undefined);
    await vi.runAllTimersAsync();
    await expect(result).rejects.toThrow('Failed to fetch dynamically imported module');
    expect(fallback.reload).toHaveBeenCalledTimes(1);
  });
});

describe('pageReload', () => {
  it('reloads once per chunk, not again for that chunk within the guard time (no loop), again for another', () => {
    const reload = vi.fn();
    const store = new Map<string, string>();
    vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
    vi.stubGlobal('location', { reload });
    vi.useFakeTimers();
    try {
      expect(pageReload.reload('a.js')).toBe(true);
      expect(pageReload.reload('a.js')).toBe(false);
      expect(pageReload.reload('b.js')).toBe(true);
      expect(reload).toHaveBeenCalledTimes(2);
      vi.setSystemTime(Date.now() + 31_000);
      expect(pageReload.reload('a.js')).toBe(true);
      expect(reload).toHaveBeenCalledTimes(3);
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
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
