import { describe, expect, it } from 'vitest';
import { logFileName } from './logs.ts';

const ID = 'f'.repeat(12) + '0'.repeat(52);

describe('logFileName', () => {
  it('names the file after the container, as the user knows it', () => {
    expect(logFileName({ id: ID, name: 'web' })).toBe('web-logs.txt');
    expect(logFileName({ id: ID, name: 'classroom-db-1' })).toBe('classroom-db-1-logs.txt');
    expect(logFileName({ id: ID, name: 'stack_web.1.abc' })).toBe('stack_web.1.abc-logs.txt');
  });

  it('keeps only safe characters, and falls back to the short id', () => {
    const cases: Array<[string, string]> = [
      ['', 'ffffffffffff-logs.txt'],
      ['"; rm -rf', 'rm_-rf-logs.txt'],
      ['..', 'ffffffffffff-logs.txt'],
      ['a/b\\c', 'a_b_c-logs.txt'],
      ['名前', 'ffffffffffff-logs.txt'],
      ['x\r\nSet-Cookie: y', 'x_Set-Cookie_y-logs.txt'],
      ['.hidden', 'hidden-logs.txt'],
      ['a'.repeat(300), `${'a'.repeat(100)}-logs.txt`],
    ];
    for (const [name, file] of cases) {
      const got = logFileName({ id: ID, name });
      expect(got).toBe(file);
      expect(got).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*-logs\.txt$/);
    }
  });
});
