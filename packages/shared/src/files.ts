/** Container files (`/api/engines/:engine/containers/:id/files`). Plain types and rules; schemas: `schemas/files.ts`. */

/** One entry of a container directory listing. */
export interface FileEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  /** Permission bits as `ls -l` shows them, e.g. `rwxr-xr-x`. */
  mode: string;
  mtime: string;
  linkTarget?: string;
}

export interface DirectoryListing {
  /** The normalised absolute path inside the container. */
  path: string;
  entries: FileEntry[];
  /** True when the directory was too large to list whole. */
  truncated: boolean;
}

export interface FilePathQuery {
  path: string;
}

/** What a name of an uploaded file may be, said once for the schema's error and the checks. */
export const FILE_NAME_RULE =
  'A file name must be one entry of the folder: not empty, not "." or "..", at most 255 bytes, without "/", "\\" or NUL characters';

/**
 * Why `name` cannot be the name of one file in a folder, or undefined when it can. The same rule as
 * the `FileName` schema, for callers that do not go through the schema (the server's upload function checks
 * it again, so no caller can skip it).
 */
export function fileNameProblem(name: string): string | undefined {
  if (name === '') return 'A file name cannot be empty';
  if (name === '.' || name === '..') return `"${name}" is not a file name: it names a folder`;
  if (name.includes('\0')) return 'A file name cannot contain a NUL character';
  if (/[/\\]/.test(name)) return 'A file name cannot contain "/" or "\\": it is a name, not a path';
  if (new TextEncoder().encode(name).length > 255) return 'A file name is at most 255 bytes long';
  return undefined;
}

/**
 * `PUT .../files?path=DIR&name=NAME`: the body is the file's bytes (`docker cp FILE C:DIR/NAME`).
 * `PUT .../files?path=DIR&extract=1`: the body is a tar archive extracted into DIR (`docker cp - C:DIR`).
 */
export interface FileUploadQuery {
  path: string;
  name?: string;
  /** `1`/`true`: the body is a tar to extract into `path`. */
  extract?: '1' | 'true' | '0' | 'false';
}

export const extractsArchive = (q: FileUploadQuery) => q.extract === '1' || q.extract === 'true';

/** The answer to an upload: the file's path, or the folder an archive was extracted into. */
export interface FileUploadResult {
  path: string;
  /** Entries of an extracted archive. */
  entries?: number;
}
