/** `GET /api/engines/:engine/volumes/:name/files?path=` — one directory level of a volume (schemas: `schemas/volumes.ts`). */
export interface VolumeFilesQuery {
  path?: string;
}

export interface VolumeFileEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  mode: number;
  mtime?: string;
  linkTarget?: string;
}

export interface VolumeFilesResponse {
  volume: string;
  path: string;
  /** The container the files were read through, and where it mounts the volume. */
  container: { id: string; name: string; mountPath: string };
  entries: VolumeFileEntry[];
  truncated: boolean;
}
