import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy-match.ts';

describe('fuzzyScore', () => {
  it('matches every word as a subsequence, case-insensitively', () => {
    expect(fuzzyScore('ctr', 'Containers')).toBeDefined();
    expect(fuzzyScore('web logs', 'Logs · web-1')).toBeDefined();
    expect(fuzzyScore('web xyz', 'Logs · web-1')).toBeUndefined();
    expect(fuzzyScore('sniatnoc', 'Containers')).toBeUndefined();
  });

  it('ranks consecutive letters and word starts first', () => {
    const names = ['my-webapp-catalog', 'Logs · web-1', 'wide-eyed-bob'];
    expect(fuzzyFilter(names, 'web log', (n) => n)[0]).toBe('Logs · web-1');
    expect(fuzzyFilter(['Volumes', 'Networks'], 'net', (n) => n)).toEqual(['Networks']);
    expect(fuzzyFilter(['system', 'Stats · sy'], 'sys', (n) => n)[0]).toBe('system');
  });

  it('keeps the order and the limit for an empty query', () => {
    expect(fuzzyFilter(['b', 'a', 'c'], '  ', (n) => n, 2)).toEqual(['b', 'a']);
  });
});
