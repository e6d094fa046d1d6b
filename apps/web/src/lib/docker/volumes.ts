import type { VolumeFilesResponse } from '@porthole/shared/volumes';
import { queryOptions } from '@tanstack/react-query';
import { api, docker, withQuery } from '../api-client.ts';
import { resourceKey } from '../query-keys.ts';

/** `GET /volumes/{name}`. */
export interface Volume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt?: string;
  Scope: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  UsageData?: { Size: number; RefCount: number } | null;
}

export const volumeKeys = {
  all: (engine: string) => resourceKey(engine, 'volumes'),
  list: (engine: string) => [...resourceKey(engine, 'volumes'), 'list'] as const,
  detail: (engine: string, name: string) => [...resourceKey(engine, 'volumes'), 'detail', name] as const,
  /** Sizes come from `/system/df`, which volume events also make stale. */
  sizes: (engine: string) => [...resourceKey(engine, 'volumes'), 'df'] as const,
  files: (engine: string, name: string, path: string) => [...resourceKey(engine, 'volumes'), 'files', name, path] as const,
  prunePreview: (engine: string, label: string) => [...resourceKey(engine, 'volumes'), 'prune-preview', label] as const,
};

export const volumesQuery = (engine: string) =>
  queryOptions({
    queryKey: volumeKeys.list(engine),
    queryFn: async () => (await docker<{ Volumes: Volume[] | null }>(engine, '/volumes')).Volumes ?? [],
  });

export const volumeQuery = (engine: string, name: string) =>
  queryOptions({
    queryKey: volumeKeys.detail(engine, name),
    queryFn: () => docker<Volume>(engine, `/volumes/${encodeURIComponent(name)}`),
  });

/** Size and reference count per volume name (`-1` when the engine has not computed it). */
export const volumeSizesQuery = (engine: string) =>
  queryOptions({
    queryKey: volumeKeys.sizes(engine),
    queryFn: async () => {
      const df = await docker<{ Volumes: Volume[] | null }>(engine, '/system/df');
      return new Map((df.Volumes ?? []).map((v) => [v.Name, v.UsageData ?? null]));
    },
  });

export const volumeFilesQuery = (engine: string, name: string, path: string) =>
  queryOptions({
    queryKey: volumeKeys.files(engine, name, path),
    queryFn: () =>
      api<VolumeFilesResponse>(`/api/engines/${encodeURIComponent(engine)}/volumes/${encodeURIComponent(name)}/files`, { query: { path } }),
    retry: false,
  });

/** A volume's file (its bytes) or folder (a tar), copied out through a container that mounts it. */
export const volumeDownloadUrl = (engine: string, name: string, path: string) =>
  withQuery(`/api/engines/${encodeURIComponent(engine)}/volumes/${encodeURIComponent(name)}/files/download`, { path: path || '/' });

/** Filters of a prune (and of its preview): unused volumes, optionally only those with a label. */
export function pruneFilters(label: string): Record<string, string[]> {
  return label.trim() ? { label: [label.trim()] } : {};
}

/** What `docker volume prune` would remove: volumes no container (running or not) uses. */
export const prunePreviewQuery = (engine: string, label: string) =>
  queryOptions({
    queryKey: volumeKeys.prunePreview(engine, label),
    queryFn: async () =>
      (
        await docker<{ Volumes: Volume[] | null }>(engine, '/volumes', {
          query: { filters: JSON.stringify({ ...pruneFilters(label), dangling: ['true'] }) },
        })
      ).Volumes ?? [],
  });

export const createVolume = (
  engine: string,
  body: { Name: string; Driver: string; DriverOpts: Record<string, string>; Labels: Record<string, string> },
) => docker<Volume>(engine, '/volumes/create', { method: 'POST', body });

export const removeVolume = (engine: string, name: string, force = false) =>
  docker<void>(engine, `/volumes/${encodeURIComponent(name)}`, { method: 'DELETE', query: force ? { force: 1 } : undefined });

/**
 * Engine API ≥ 1.42 prunes only anonymous volumes unless `all=true`; Porthole's preview lists every
 * unused volume, so it asks for the same on those engines.
 */
export const pruneVolumes = (engine: string, label: string, apiVersion: string) => {
  const [major, minor] = apiVersion.split('.').map(Number);
  const newer = (major ?? 1) > 1 || (minor ?? 0) >= 42;
  return docker<{ VolumesDeleted: string[] | null; SpaceReclaimed: number }>(engine, '/volumes/prune', {
    method: 'POST',
    query: { filters: JSON.stringify({ ...pruneFilters(label), ...(newer ? { all: ['true'] } : {}) }) },
  });
};

export const pruneCommand = (label: string, apiVersion: string) => {
  const [, minor] = apiVersion.split('.').map(Number);
  return `docker volume prune${(minor ?? 0) >= 42 ? ' --all' : ''}${label.trim() ? ` --filter label=${label.trim()}` : ''}`;
};
