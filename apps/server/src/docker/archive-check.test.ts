import { describe, expect, it } from 'vitest';
import { ArchiveChecker, type CheckedEntry, MAX_ARCHIVE_ENTRIES, relativeEntryPath, type TarHeader } from './archive-check.ts';

const file = (name: string, extra: Partial<TarHeader> = {}): TarHeader => ({ name, type: 'file', size: 1, mode: 0o644, ...extra });
const checkAll = (...headers: TarHeader[]) => {
  const checker = new ArchiveChecker();
  return headers.map((h) => checker.check(h));
};
const last = (...headers: TarHeader[]) => checkAll(...headers).at(-1);

describe('relativeEntryPath', () => {
  it.each([
    ['a', 'a'],
    ['./a//b/', 'a/b'],
    ['./', '.'],
    ['.', '.'],
    ['a/./b', 'a/b'],
    ['.. /x', '.. /x'],
    ['..a/b..', '..a/b..'],
    ['a\\b', 'a\\b'],
  ])('%j → %j', (raw, want) => expect(relativeEntryPath(raw, 'name')).toEqual({ path: want }));

  it.each(['', '/etc/x', '\\x', '../x', 'a/../../b', 'a/..', '..', 'a\\..\\..\\b', '..\\x', 'x\0y', '..\0'])('refuses %j', (raw) => {
    expect(relativeEntryPath(raw, 'name')).toHaveProperty('problem');
  });
});

describe('ArchiveChecker', () => {
  it('passes files, folders, symlinks and safe hard links, re-encoded from checked fields', () => {
    const out = checkAll(
      { name: './', type: 'directory', mode: 0o40755 },
      { name: './dir', type: 'directory', mode: 0o4755 },
      file('./dir/a.txt', { size: 5, mode: 0o100644 }),
      { name: 'dir/abs-link', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'dir/hard', type: 'link', linkname: './dir/a.txt', size: 99 },
      file('c', { type: 'contiguous-file' }),
    );
    expect(out.map((e) => (e as CheckedEntry).name)).toEqual(['.', 'dir/', 'dir/a.txt', 'dir/abs-link', 'dir/hard', 'c']);
    expect(out[1]).toMatchObject({ type: 'directory', mode: 0o4755, size: 0 });
    expect(out[2]).toMatchObject({ type: 'file', size: 5, mode: 0o644 });
    expect(out[3]).toMatchObject({ type: 'symlink', linkname: '/etc/passwd' });
    expect(out[4]).toMatchObject({ type: 'link', linkname: 'dir/a.txt', size: 0 });
    expect(out[5]).toMatchObject({ type: 'file' });
  });

  it.each<[string, TarHeader]>([
    ['a ../ entry', file('../x')],
    ['a climbing entry', file('a/../../b')],
    ['an absolute entry', file('/etc/x')],
    ['an empty name', file('')],
    ['a NUL in a name', file('x\0y')],
    ['a file replacing the folder itself', file('./')],
    ['a symlink replacing the folder itself', { name: '.', type: 'symlink', linkname: '/' }],
    ['a hard link to ../../x', { name: 'h', type: 'link', linkname: '../../x' }],
    ['a hard link to an absolute path', { name: 'h', type: 'link', linkname: '/etc/shadow' }],
    ['a hard link to the folder', { name: 'h', type: 'link', linkname: './' }],
    ['a hard link without target', { name: 'h', type: 'link', linkname: null }],
    ['a symlink without target', { name: 's', type: 'symlink', linkname: '' }],
    ['a character device', { name: 'null', type: 'character-device' }],
    ['a block device', { name: 'sda', type: 'block-device' }],
    ['a fifo', { name: 'p', type: 'fifo' }],
    ['an unknown type', { name: 'u', type: null }],
  ])('refuses %s', (_what, header) => {
    expect(last(header)).toBeTypeOf('string');
  });

  it('refuses entries and hard links that reach through a symlink of the same archive', () => {
    const link = { name: 'l', type: 'symlink', linkname: '/' };
    expect(last(link, file('l/etc/passwd'))).toMatch(/behind the symbolic link "l"/);
    expect(last({ name: 'a/b', type: 'symlink', linkname: '../..' }, file('a/b/c'))).toMatch(/behind/);
    expect(last(link, { name: 'h', type: 'link', linkname: 'l/etc/shadow' })).toMatch(/hard link/);
    expect(last(link, { name: 'h', type: 'link', linkname: 'l' })).toMatch(/hard link/);
    // Replaced by a folder, the name is a folder again.
    expect(last(link, { name: 'l/', type: 'directory' }, file('l/x'))).toMatchObject({ name: 'l/x' });
    // A sibling whose name only starts the same is not behind it.
    expect(last(link, file('lx/y'))).toMatchObject({ name: 'lx/y' });
  });

  it('refuses more than the entry limit', () => {
    const checker = new ArchiveChecker();
    for (let i = 0; i < MAX_ARCHIVE_ENTRIES; i++) checker.check(file(`f${i}`));
    expect(checker.check(file('one-more'))).toMatch(/more than/);
  });
});
