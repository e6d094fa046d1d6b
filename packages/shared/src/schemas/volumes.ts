import { Type } from '@sinclair/typebox';
import type * as volumes from '../volumes.ts';
import type { Exactly } from './same-type.ts';

/** `GET /api/engines/:engine/volumes/:name/files?path=` — one directory level of a volume, read through a container that mounts it. */
export const VolumeFilesQuery = Type.Object({ path: Type.Optional(Type.String({ maxLength: 1024 })) });
export type VolumeFilesQuery = Exactly<volumes.VolumeFilesQuery, typeof VolumeFilesQuery, true>;

export const VolumeFileEntry = Type.Object({
  name: Type.String(),
  type: Type.Union([Type.Literal('file'), Type.Literal('directory'), Type.Literal('symlink'), Type.Literal('other')]),
  size: Type.Number(),
  mode: Type.Number(),
  mtime: Type.Optional(Type.String()),
  linkTarget: Type.Optional(Type.String()),
});
export type VolumeFileEntry = Exactly<volumes.VolumeFileEntry, typeof VolumeFileEntry, true>;

export const VolumeFilesResponse = Type.Object({
  volume: Type.String(),
  path: Type.String(),
  /** The container the files were read through, and where it mounts the volume. */
  container: Type.Object({ id: Type.String(), name: Type.String(), mountPath: Type.String() }),
  entries: Type.Array(VolumeFileEntry),
  truncated: Type.Boolean(),
});
export type VolumeFilesResponse = Exactly<volumes.VolumeFilesResponse, typeof VolumeFilesResponse, true>;
