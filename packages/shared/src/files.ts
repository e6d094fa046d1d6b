import { type Static, Type } from '@sinclair/typebox';

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

export const FilePathQuery = Type.Object({ path: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false });
export type FilePathQuery = Static<typeof FilePathQuery>;

export const FileUploadQuery = Type.Object(
  { path: Type.String({ minLength: 1, maxLength: 4096 }), name: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\x00]+$' }) },
  { additionalProperties: false },
);
export type FileUploadQuery = Static<typeof FileUploadQuery>;
