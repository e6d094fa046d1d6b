import path from 'node:path';
import type { VolumeFileEntry, VolumeFilesResponse } from '@porthole/shared/volumes';
import { ApiError } from '../http/api-error.ts';
import { assertPathNames, listArchive } from './container-files.ts';
import type { EngineApi } from './engine-api.ts';

/** A path inside the volume, normalised, never climbing out of it. */
export function volumeSubpath(p: string | undefined): string {
  if (p?.includes('\0')) throw new ApiError(400, 'The path must not contain a NUL byte');
  const norm = path.posix.normalize(`/${p ?? ''}`);
  assertPathNames(norm);
  if (norm.split('/').includes('..')) throw new ApiError(400, 'The path must stay inside the volume');
  return norm === '/' ? '' : norm.replace(/\/$/, '');
}

/** Most entries a volume folder lists (the UI's page). */
const MAX_ENTRIES = 2000;

/**
 * One directory level of a volume, read through a container that mounts it (running ones first).
 * `guard` is asked first about that container (a non-admin may not read through one with host
 * access — a symlink in the volume resolves inside it — nor a volume that is a host path).
 */
export async function listVolumeFiles(
  engine: EngineApi,
  volume: string,
  sub: string | undefined,
  guard: (containerId: string) => Promise<unknown> = async () => undefined,
  signal?: AbortSignal,
): Promise<VolumeFilesResponse> {
  const { container, subpath, path: inContainer } = await volumeReader(engine, volume, sub, guard);
  const { entries, truncated } = await listArchive(engine, container.id, inContainer, signal, MAX_ENTRIES);
  return {
    volume,
    path: subpath || '/',
    container,
    entries: entries.map((e): VolumeFileEntry => ({ ...e, mtime: e.mtime.toISOString() })),
    truncated,
  };
}

/**
 * Where a path of a volume is read: a container that mounts it (running ones first), after `guard`
 * has been asked about it (a non-admin may not read through one with host access — a symlink in
 * the volume resolves inside it — nor a volume that is a host path), and the path in that container.
 */
export async function volumeReader(
  engine: EngineApi,
  volume: string,
  sub: string | undefined,
  guard: (containerId: string) => Promise<unknown> = async () => undefined,
): Promise<{ container: VolumeFilesResponse['container']; subpath: string; path: string }> {
  const subpath = volumeSubpath(sub);
  const users = await engine.listContainers({ all: true, filters: { volume: [volume] } });
  const user = [...users].sort((a, b) => Number(b.State === 'running') - Number(a.State === 'running'))[0];
  const mount = user?.Mounts.find((m) => m.Type === 'volume' && m.Name === volume);
  if (!user || !mount) {
    await engine.inspectVolume(volume); // "No such volume" (404) when that is why
    throw new ApiError(409, `No container mounts the volume "${volume}": run one with -v ${volume}:/data to browse its files`);
  }
  await guard(user.Id);
  return {
    container: { id: user.Id, name: (user.Names[0] ?? '').replace(/^\//, ''), mountPath: mount.Destination },
    subpath,
    path: `${mount.Destination}${subpath}`,
  };
}
