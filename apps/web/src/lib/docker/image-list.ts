import { queryOptions } from '@tanstack/react-query';
import type { ImageInfo } from 'dockerode';
import { docker } from '../api-client.ts';
import { resourceKey } from '../query-keys.ts';

/**
 * The image list and the keys of every image query: all the navigation needs for its image count,
 * apart from the rest of images.ts (which loads with the image views).
 */
export type ImageSummary = ImageInfo;

export const imageKeys = {
  all: (engine: string) => resourceKey(engine, 'images'),
  list: (engine: string) => [...resourceKey(engine, 'images'), 'list'] as const,
  df: (engine: string) => [...resourceKey(engine, 'images'), 'df'] as const,
  inspect: (engine: string, id: string) => [...resourceKey(engine, 'images'), 'inspect', id] as const,
  history: (engine: string, id: string) => [...resourceKey(engine, 'images'), 'history', id] as const,
  analysis: (engine: string, id: string) => ['engine', engine, 'image-analysis', id] as const,
  prunePreview: (engine: string, all: boolean, filters: string) =>
    [...resourceKey(engine, 'images'), 'prune-preview', all, filters] as const,
};

export const imagesQuery = (engine: string) =>
  queryOptions({ queryKey: imageKeys.list(engine), queryFn: () => docker<ImageSummary[]>(engine, '/images/json') });
