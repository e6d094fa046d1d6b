import fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { normaliseContainerPath } from '@porthole/shared/container-path';
import { type DirectoryListing, type FileEntry, fileNameProblem } from '@porthole/shared/files';
import tar from 'tar-stream';
import { ApiError } from '../http/api-error.ts';
import { putArchive, spoolArchive } from './archive-upload.ts';
import type { EngineApi } from './engine-api.ts';

/** Most entries a listing shows, and most bytes of archive read to list one directory. */
const MAX_ENTRIES = 5000;
const MAX_LIST_BYTES = 256 << 20;

/**
 * A path inside the container, normalised (`normaliseContainerPath`, the browser's too): always
 * absolute, `..` cannot climb above `/` (the archive endpoints resolve it in the container's own
 * filesystem, never the host's). A name over 255 bytes is refused here, not by the engine's 500.
 */
export function containerPath(p: string): string {
  const out = normaliseContainerPath(p);
  assertPathNames(out);
  return out;
}

/** Linux refuses a file name over 255 bytes; the engine turns that into a 500 that says nothing. */
export function assertPathNames(p: string): void {
  for (const name of p.split('/')) {
    if (Buffer.byteLength(name) > 255) throw new ApiError(400, `A name in the path is longer than 255 bytes: ${name.slice(0, 40)}…`);
  }
}

export function modeString(mode: number): string {
  const bits = 'rwxrwxrwx';
  let out = '';
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
}

/** One direct child of a directory, from its archive's headers. */
export interface ArchiveEntry {
  name: string;
  type: FileEntry['type'];
  size: number;
  /** Permission bits (`header.mode`). */
  mode: number;
  mtime: Date;
  linkTarget?: string;
}

/**
 * The direct children of a directory, from the headers of its archive (`GET …/archive`): bodies
 * are skipped, never buffered. The archive holds the whole subtree, so it is read for at most
 * `MAX_LIST_BYTES` (a folder of large files; `truncated` then) and `MAX_ENTRIES` children are kept.
 * `signal` stops reading (the client went away). The container Files view and the volume browser
 * both list through this.
 */
export async function listArchive(
  engine: EngineApi,
  id: string,
  dir: string,
  signal?: AbortSignal,
  maxEntries = MAX_ENTRIES,
): Promise<{ entries: ArchiveEntry[]; truncated: boolean }> {
  const archive = await engine.getArchive(id, dir);
  if (signal?.aborted) archive.destroy();
  const extract = tar.extract();
  const entries: ArchiveEntry[] = [];
  let truncated = false;
  let bytes = 0;
  let root: string | undefined;
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (h, stream, next) => {
      // Listed as far as a limit let it: what the parser still holds is not added after the answer.
      if (truncated) return;
      // The archive's first entry is the directory itself (its base name).
      if (root === undefined) root = h.name.replace(/\/$/, '');
      const rel = h.name.replace(/\/$/, '').slice(root.length + 1);
      if (rel && !rel.includes('/')) {
        if (entries.length >= maxEntries) {
          // One child more than the page holds: listed as far as it goes, nothing more to read.
          truncated = true;
          archive.destroy();
          extract.destroy();
          return resolve();
        }
        entries.push({
          name: rel,
          type: h.type === 'directory' ? 'directory' : h.type === 'symlink' ? 'symlink' : h.type === 'file' ? 'file' : 'other',
          size: h.size ?? 0,
          mode: h.mode ?? 0,
          mtime: h.mtime ?? new Date(0),
          ...(h.linkname ? { linkTarget: h.linkname } : {}),
        });
      }
      stream.on('end', next);
      stream.resume();
    });
    archive.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes > MAX_LIST_BYTES) {
        truncated = true;
        archive.destroy();
        resolve();
      }
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    archive.on('error', reject);
    // Ended early (a limit, the client leaving, the engine breaking off): settled either way, never left
    // pending. An archive that came to its end is listed once the parser has read all of it (`finish`):
    // the engine's answer ends, and closes, while the parser is still on its first entries.
    archive.on('close', () => {
      if (truncated) resolve();
      else if (!archive.readableEnded) reject(new Error('The listing was cancelled'));
    });
    signal?.addEventListener('abort', () => archive.destroy(), { once: true });
    archive.pipe(extract);
  });
  // Folders first, then by name (as `ls --group-directories-first`).
  entries.sort((a, b) =>
    (a.type === 'directory') === (b.type === 'directory') ? a.name.localeCompare(b.name) : a.type === 'directory' ? -1 : 1,
  );
  return { entries, truncated };
}

/** A directory of a container, as the Files view lists it. */
export async function listDirectory(engine: EngineApi, id: string, dir: string, signal?: AbortSignal): Promise<DirectoryListing> {
  const { entries, truncated } = await listArchive(engine, id, dir, signal);
  return {
    path: dir,
    entries: entries.map((e) => ({ ...e, mode: modeString(e.mode), mtime: e.mtime.toISOString() })),
    truncated,
  };
}

/** Streams the content of one file out of its archive into `onFile`. */
export async function extractFile(archive: Readable, onFile: (stream: Readable, size: number) => Promise<void>): Promise<void> {
  const extract = tar.extract();
  let done = false;
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (h, stream, next) => {
      if (!done && h.type === 'file') {
        done = true;
        onFile(stream as unknown as Readable, h.size ?? 0).then(() => next(), reject);
      } else {
        stream.on('end', next);
        stream.resume();
      }
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    archive.on('error', (err) => {
      extract.destroy();
      reject(err);
    });
    // Destroyed before its end (the client went away): nothing more comes, so this settles too.
    archive.on('close', () => {
      if ((archive as Readable & { complete?: boolean }).complete === false) {
        extract.destroy();
        reject(new Error('the archive was closed before its end'));
      }
    });
    archive.pipe(extract);
  });
}

/**
 * Uploads one file (streamed, `size` bytes) into a directory of the container as a one-entry tar.
 * The name is checked here too, so no caller can skip it: a tar entry `..` or `.` names the folder's
 * parent or the folder itself, which the engine would replace (with its volumes and bind mounts).
 * A body that ends before `size` bytes (client gone, truncated) destroys the engine call unfinished.
 */
export async function putFile(
  engine: EngineApi,
  id: string,
  dir: string,
  name: string,
  size: number,
  body: Readable,
  signal?: AbortSignal,
): Promise<void> {
  const problem = fileNameProblem(name);
  if (problem) throw new ApiError(400, problem);
  const pack = tar.pack();
  const entry = pack.entry({ name, size, mode: 0o644, mtime: new Date() }, (err) => {
    if (!err) pack.finalize();
  });
  body.pipe(entry as unknown as Writable);
  try {
    await putArchive(engine, id, dir, pack as unknown as Readable, { signal, body, feeds: [entry] });
  } catch (err) {
    body.unpipe(entry as unknown as Writable);
    entry.destroy();
    throw err;
  }
}

/**
 * Extracts an uploaded tar into a directory of the container (`docker cp - C:DIR`): the archive is
 * checked whole while it is spooled to a temp file, and only an archive whose every entry passed is
 * streamed to the engine. The temp file is deleted whatever happens. Resolves with the entry count.
 */
export async function extractArchive(engine: EngineApi, id: string, dir: string, body: Readable, signal?: AbortSignal): Promise<number> {
  const spooled = await spoolArchive(body, { signal });
  try {
    const archive = fs.createReadStream(spooled.file);
    await putArchive(engine, id, dir, archive, { signal, length: spooled.size });
    return spooled.entries;
  } finally {
    await fs.promises.rm(spooled.file, { force: true });
  }
}
