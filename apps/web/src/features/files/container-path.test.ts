import { describe, expect, it } from 'vitest';
import { joinPath, normalisePath, parentPath } from './container-path.ts';

describe('normalisePath', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['etc', '/etc'],
    ['/data/', '/data'],
    ['//data//sub/./x', '/data/sub/x'],
    ['../../etc/shadow', '/etc/shadow'],
    ['/data/../../../etc', '/etc'],
    ['/a/b/..', '/a'],
  ])('%j → %j', (input, want) => expect(normalisePath(input)).toBe(want));
});

describe('joinPath / parentPath', () => {
  it('joins under root and elsewhere', () => {
    expect(joinPath('/', 'etc')).toBe('/etc');
    expect(joinPath('/etc', 'hostname')).toBe('/etc/hostname');
  });
  it('goes up one level, stopping at root', () => {
    expect(parentPath('/etc/ssl')).toBe('/etc');
    expect(parentPath('/etc')).toBe('/');
  });
});
