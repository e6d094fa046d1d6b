import type { ImageHistoryEntry } from '@porthole/shared/image-history';
import type { FileContent, ImageAnalysis, LayerFiles, PrunePreview } from '@porthole/shared/images';
import { queryOptions } from '@tanstack/react-query';
import type { ImageInspectInfo } from 'dockerode';
import { api, docker, withQuery } from '../api-client.ts';
import { resourceKey } from '../query-keys.ts';
import { imageKeys, type ImageSummary } from './image-list.ts';

export { imageKeys, imagesQuery, type ImageSummary } from './image-list.ts';

export type ImageInspect = ImageInspectInfo & { Config: ImageInspectInfo['Config'] & { User?: string } };

export type HistoryEntry = ImageHistoryEntry;

export interface DfImage {
  Id: string;
  Size: number;
  SharedSize: number;
  Containers: number;
}

const enc = encodeURIComponent;

/**
 * What the images view counts, in the words its table uses: images (`docker images -q | sort -u`),
 * and the rows — one per tag, one per untagged image. The navigation shows the same image count.
 */
export function imageCountText(images: ImageSummary[]): string {
  let tags = 0;
  let untagged = 0;
  for (const image of images) {
    const n = imageTags(image).length;
    tags += n;
    if (n === 0) untagged++;
  }
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  return `${plural(images.length, 'image')}: ${plural(tags, 'tag')}${untagged ? `, ${untagged} untagged` : ''}`;
}

/** Shared and unique sizes and container counts per image (`docker system df -v`). */
export const imageDfQuery = (engine: string) =>
  queryOptions({
    queryKey: imageKeys.df(engine),
    queryFn: async () => {
      const df = await docker<{ Images: DfImage[] | null; LayersSize: number }>(engine, '/system/df', { query: { type: 'image' } });
      return { byId: new Map((df.Images ?? []).map((i) => [i.Id, i])), layersSize: df.LayersSize };
    },
    // Docker 20.10 refuses a df while another one runs ("a disk usage operation is already running").
    retry: 6,
  });

export const imageInspectQuery = (engine: string, id: string) =>
  queryOptions({ queryKey: imageKeys.inspect(engine, id), queryFn: () => docker<ImageInspect>(engine, `/images/${enc(id)}/json`) });

export const imageHistoryQuery = (engine: string, id: string) =>
  queryOptions({
    queryKey: imageKeys.history(engine, id),
    queryFn: async () => (await docker<HistoryEntry[]>(engine, `/images/${enc(id)}/history`)).slice().reverse(),
  });

const imagesApi = (engine: string) => `/api/engines/${enc(engine)}/images`;

/** The layer analysis can take a while for big images: it is cached per image id on the server. */
export const analysisQuery = (engine: string, id: string) =>
  queryOptions({
    queryKey: imageKeys.analysis(engine, id),
    queryFn: () => api<ImageAnalysis>(`${imagesApi(engine)}/${enc(id)}/analysis`),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const layerFilesQuery = (engine: string, id: string, layer: number, view: 'changes' | 'tree') =>
  queryOptions({
    queryKey: [...imageKeys.analysis(engine, id), view, layer] as const,
    queryFn: () => api<LayerFiles>(`${imagesApi(engine)}/${enc(id)}/analysis/layers/${layer}/${view}`),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const layerFileQuery = (engine: string, id: string, layer: number, path: string) =>
  queryOptions({
    queryKey: [...imageKeys.analysis(engine, id), 'file', layer, path] as const,
    queryFn: () => api<FileContent>(withQuery(`${imagesApi(engine)}/${enc(id)}/analysis/layers/${layer}/file`, { path })),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const prunePreviewQuery = (engine: string, all: boolean, filters: string) =>
  queryOptions({
    queryKey: imageKeys.prunePreview(engine, all, filters),
    queryFn: () => api<PrunePreview>(`${imagesApi(engine)}/prune-preview`, { query: { all, filters } }),
  });

export interface PruneReport {
  ImagesDeleted: Array<{ Untagged?: string; Deleted?: string }> | null;
  SpaceReclaimed: number;
}

export function pruneImages(engine: string, all: boolean, labelFilters: string[]): Promise<PruneReport> {
  const filters: Record<string, string[]> = { dangling: [all ? 'false' : 'true'] };
  if (labelFilters.length) filters.label = labelFilters;
  return docker<PruneReport>(engine, '/images/prune', { method: 'POST', query: { filters: JSON.stringify(filters) } });
}

export function tagImage(engine: string, id: string, repo: string, tag: string) {
  return docker(engine, `/images/${enc(id)}/tag`, { method: 'POST', query: { repo, tag } });
}

export function removeImage(engine: string, ref: string, opts: { force?: boolean; noprune?: boolean } = {}) {
  return docker<Array<{ Untagged?: string; Deleted?: string }>>(engine, `/images/${enc(ref)}`, {
    method: 'DELETE',
    query: { force: opts.force || undefined, noprune: opts.noprune || undefined },
  });
}

/** `repo:tag` → `{ repo, tag }` (a port in the registry host is not a tag). */
export function splitRef(ref: string): { repo: string; tag: string } {
  const at = ref.lastIndexOf(':');
  if (at > ref.lastIndexOf('/')) return { repo: ref.slice(0, at), tag: ref.slice(at + 1) };
  return { repo: ref, tag: 'latest' };
}

export const imageTags = (img: { RepoTags?: string[] | null }) => (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>');

/** Local image tags, sorted (the image picker of a new container). */
export const imageTagsQuery = (engine: string) =>
  queryOptions({
    queryKey: [...resourceKey(engine, 'images'), 'tags'] as const,
    queryFn: async () => (await docker<ImageSummary[]>(engine, '/images/json')).flatMap(imageTags).sort(),
  });

export interface BuildCacheRecord {
  ID: string;
  Size: number;
  InUse: boolean;
  Shared: boolean;
}

/** The build cache `/system/df` reports (`docker builder prune` previews the unused part). */
export const buildCacheQuery = (engine: string) =>
  queryOptions({
    queryKey: [...imageKeys.all(engine), 'build-cache'] as const,
    queryFn: async () =>
      (await docker<{ BuildCache: BuildCacheRecord[] | null }>(engine, '/system/df', { query: { type: 'build-cache' } })).BuildCache ?? [],
  });

export const pruneBuildCache = (engine: string) =>
  docker<{ CachesDeleted: string[] | null; SpaceReclaimed: number }>(engine, '/build/prune', { method: 'POST' });
