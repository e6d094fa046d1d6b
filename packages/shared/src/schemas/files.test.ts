import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { fileNameProblem } from '../files.ts';
import { FileName } from './files.ts';

const refused = ['', '.', '..', 'a/..', '../x', 'x/y', '/', '..\\x', 'a\\b', '..\0', 'x\0y', '\0', 'é'.repeat(128)];
const accepted = ['a', '.hidden', '...', '.. ', ' ..', '..a', 'a..', 'trailing space ', 'ü.txt', 'x'.repeat(255), '-rf', '*'];

describe('file names', () => {
  it.each(refused)('refuses %j in the schema and the check', (name) => {
    expect(fileNameProblem(name)).toBeTypeOf('string');
    // The schema counts UTF-16 units, the check bytes: a long multi-byte name fails only the check.
    if (new TextEncoder().encode(name).length <= 255) expect(Value.Check(FileName, name)).toBe(false);
  });

  it.each(accepted)('accepts %j in the schema and the check', (name) => {
    expect(fileNameProblem(name)).toBeUndefined();
    expect(Value.Check(FileName, name)).toBe(true);
  });
});
