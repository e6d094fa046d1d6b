import { describe, expect, it } from 'vitest';
import { joinContainerPath, normaliseContainerPath, parentContainerPath } from './container-path.ts';

describe('normaliseContainerPath', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['etc', '/etc'],
    ['/data/', '/data'],
    ['//data//sub/./x', '/data/sub/x'],
    ['../../etc/shadow', '/etc/shadow'],
    ['/data/../../../etc', '/etc'],
    ['/a/b/..', '/a'],
    ['/tmp/a\0b', '/tmp/ab'],
  ])('%j → %j', (input, want) => expect(normaliseContainerPath(input)).toBe(want));
});

describe('joinContainerPath / parentContainerPath', () => {
  it('joins under root and elsewhere', () => {
    expect(joinContainerPath('/', 'etc')).toBe('/etc');
    expect(joinContainerPath('/etc', 'hostname')).toBe('/etc/hostname');
  });
  it('goes up one level, stopping at root', () => {
    expect(parentContainerPath('/etc/ssl')).toBe('/etc');
    expect(parentContainerPath('/etc')).toBe('/');
  });
});
