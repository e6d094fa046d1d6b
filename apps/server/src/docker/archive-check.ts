/** The fields of a tar header that are checked (tar-stream's `Header`; `type` is null for unknown kinds). */
export interface TarHeader {
  name: string;
  type?: string | null;
  size?: number;
  mode?: number;
  mtime?: Date;
  linkname?: string | null;
}

/** Most entries an uploaded archive may have (a 1 GiB tar of empty files would have 2 million). */
export const MAX_ARCHIVE_ENTRIES = 100_000;

/** One entry as it is passed on to the engine: re-encoded from the checked fields only. */
export interface CheckedEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'link';
  size: number;
  mode: number;
  mtime: Date;
  linkname?: string;
}

const TYPES = new Map<string, CheckedEntry['type']>([
  ['file', 'file'],
  ['contiguous-file', 'file'],
  ['directory', 'directory'],
  ['symlink', 'symlink'],
  ['link', 'link'],
]);

const show = (name: string) => JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);

/**
 * A path inside the archive that stays inside the folder it is extracted into, normalised
 * (`./a//b/` → `a/b`, the folder itself is `.`), or the reason it does not: absolute, a `..`
 * segment (either separator: `\` separates on Windows engines), NUL (tar ends names there), empty.
 */
export function relativeEntryPath(raw: string, what: string): { path: string } | { problem: string } {
  if (raw === '') return { problem: `An archive entry has an empty ${what}` };
  if (raw.includes('\0')) return { problem: `The ${what} ${show(raw)} contains a NUL character` };
  if (/^[/\\]/.test(raw)) return { problem: `The ${what} ${show(raw)} is absolute: archive entries must be relative` };
  if (raw.split(/[/\\]/).includes('..')) return { problem: `The ${what} ${show(raw)} climbs out of the folder with ".."` };
  return {
    path:
      raw
        .split('/')
        .filter((s) => s !== '' && s !== '.')
        .join('/') || '.',
  };
}

/**
 * Checks the entries of an uploaded archive one by one, before any of it reaches the engine:
 * each stays inside the target folder, is a file, folder, symbolic link or hard link, never
 * replaces the folder itself with a non-folder, and never reaches through a symbolic link that an
 * earlier entry of the same archive made (`l -> /`, then `l/etc/passwd`).
 */
export class ArchiveChecker {
  entries = 0;
  private readonly symlinks = new Set<string>();

  /** The entry to write, or the reason the whole archive is refused. */
  check(h: TarHeader): CheckedEntry | string {
    if (++this.entries > MAX_ARCHIVE_ENTRIES) return `The archive has more than ${MAX_ARCHIVE_ENTRIES} entries`;
    const type = TYPES.get(h.type ?? '');
    if (!type) {
      return `${show(h.name)} is a ${h.type ?? 'entry of an unknown type'}: only files, folders, symbolic links and hard links can be extracted`;
    }
    const name = relativeEntryPath(h.name, 'name');
    if ('problem' in name) return name.problem;
    if (name.path === '.' && type !== 'directory') return `The entry ${show(h.name)} would replace the target folder itself`;
    const behind = this.behindSymlink(name.path);
    if (behind) return `The entry ${show(h.name)} lies behind the symbolic link ${show(behind)} of the same archive`;
    const entry: CheckedEntry = {
      name: type === 'directory' && name.path !== '.' ? `${name.path}/` : name.path,
      type,
      size: type === 'file' ? (h.size ?? 0) : 0,
      mode: (h.mode ?? (type === 'directory' ? 0o755 : 0o644)) & 0o7777,
      mtime: h.mtime ?? new Date(),
    };
    if (type === 'symlink' || type === 'link') {
      const target = h.linkname ?? '';
      if (type === 'symlink' && (target === '' || target.includes('\0'))) return `The symbolic link ${show(h.name)} has no valid target`;
      if (type === 'link') {
        const t = relativeEntryPath(target, `hard link target of ${show(h.name)}`);
        if ('problem' in t) return t.problem;
        if (t.path === '.' || this.behindSymlink(t.path) || this.symlinks.has(t.path)) {
          return `The hard link ${show(h.name)} points at ${show(target)}, which is not a file of the archive's folder`;
        }
        entry.linkname = t.path;
      } else entry.linkname = target;
    }
    if (type === 'symlink') this.symlinks.add(name.path);
    else this.symlinks.delete(name.path);
    return entry;
  }

  /** The symbolic link of this archive that a path reaches through, if any. */
  private behindSymlink(p: string): string | undefined {
    if (this.symlinks.size === 0) return undefined;
    for (let i = p.indexOf('/'); i !== -1; i = p.indexOf('/', i + 1)) {
      if (this.symlinks.has(p.slice(0, i))) return p.slice(0, i);
    }
    return undefined;
  }
}
