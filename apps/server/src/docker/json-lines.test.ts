import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readJsonLines } from './json-lines.ts';

describe('readJsonLines', () => {
  it('reads values split anywhere between chunks, and a last line without newline', async () => {
    const s = new PassThrough();
    const values: unknown[] = [];
    const bad: string[] = [];
    readJsonLines(
      s,
      (v) => values.push(v),
      (l) => bad.push(l),
    );
    s.write('{"a":1}\n{"b"');
    s.write(':2}\n\n  \nnot json\n{"c":');
    s.end('3}');
    await new Promise((r) => s.once('end', r));
    expect(values).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
    expect(bad).toEqual(['not json']);
  });

  it('keeps a multi-byte character split between chunks whole', async () => {
    const s = new PassThrough();
    const values: unknown[] = [];
    readJsonLines(s, (v) => values.push(v));
    const bytes = Buffer.from('{"t":"é"}\n');
    s.write(bytes.subarray(0, 7));
    s.end(bytes.subarray(7));
    await new Promise((r) => s.once('end', r));
    expect(values).toEqual([{ t: 'é' }]);
  });
});
