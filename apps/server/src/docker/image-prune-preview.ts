import { createHash } from 'node:crypto';
import { emptyLayerFlags } from '@porthole/shared/image-history';
import type { PrunePreview, PrunePreviewImage } from '@porthole/shared/images';
import { ApiError, messageOf } from '../http/api-error.ts';
import type { EngineApi } from './engine-api.ts';
import { mapBounded } from './map-bounded.ts';

/**
 * What `docker image prune` (the engine's `POST /images/prune`) would remove, computed the way
 * the engine does it (moby daemon/images/image_prune.go): candidates are untagged images
 * without children (all unused images with `all`), matching the label filters, used by no
 * container; deleting one also deletes its untagged parents nobody else needs; the bytes
 * freed are the sizes of the layers (chain ids) no remaining image references.
 */

export interface PruneImage {
  Id: string;
  ParentId: string;
  RepoTags?: string[] | null;
  Created: number;
  Size: number;
  Labels?: Record<string, string> | null;
}

export interface PruneSource {
  listImages(): Promise<PruneImage[]>;
  /** Image ids containers use (any state). */
  containerImageIds(): Promise<Set<string>>;
  /** RootFS diff ids and the size of each layer (from the history), oldest first. */
  layers(id: string): Promise<{ diffIds: string[]; sizes: number[] }>;
}

/** Images inspected at once (each costs an inspect and a history). */
const LAYER_CONCURRENCY = 8;

/** The prune preview's view of an engine. */
export function engineImages(engine: EngineApi): PruneSource {
  return {
    listImages: () => engine.listImages({ all: true }),
    containerImageIds: async () => new Set((await engine.listContainers({ all: true })).map((c) => c.ImageID)),
    layers: async (id) => {
      const [info, history] = await Promise.all([engine.inspectImage(id), engine.imageHistory(id)]);
      const diffIds = info.RootFS?.Layers ?? [];
      const entries = history.slice().reverse();
      const empty = emptyLayerFlags(entries, diffIds.length);
      return { diffIds, sizes: entries.filter((_, i) => !empty[i]).map((h) => h.Size) };
    },
  };
}

export interface PruneOptions {
  all: boolean;
  filters: Record<string, string[]>;
}

/** `label=a`, `label=a=b`, `label!=a=b` on the image's labels. */
export function matchLabels(filters: Record<string, string[]>, labels: Record<string, string> | null | undefined): boolean {
  const l = labels ?? {};
  const test = (spec: string) => {
    const eq = spec.indexOf('=');
    if (eq < 0) return spec in l;
    return l[spec.slice(0, eq)] === spec.slice(eq + 1);
  };
  return (filters.label ?? []).every(test) && !(filters['label!'] ?? []).some(test);
}

export function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? d : `sha256:${createHash('sha256').update(`${prev} ${d}`).digest('hex')}`);
  }
  return out;
}

const untagged = (img: PruneImage) => !img.RepoTags || img.RepoTags.length === 0 || img.RepoTags.every((t) => t === '<none>:<none>');

/** The `filters` query of a prune (JSON, as the Engine API takes it): label, label! and dangling only. */
export function parsePruneFilters(raw: string | undefined): PruneOptions['filters'] {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, string[] | Record<string, boolean>>;
    const out: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (!['label', 'label!', 'dangling'].includes(k)) throw new Error(`Unsupported prune filter "${k}"`);
      out[k] = Array.isArray(v) ? v : Object.keys(v).filter((x) => v[x]);
    }
    return out;
  } catch (err) {
    throw new ApiError(400, `Invalid filters: ${messageOf(err)}`);
  }
}

export async function prunePreview(src: PruneSource, opts: PruneOptions): Promise<PrunePreview> {
  const all = opts.all || (opts.filters.dangling ?? []).some((d) => d === 'false' || d === '0');
  const [images, used] = await Promise.all([src.listImages(), src.containerImageIds()]);
  const byId = new Map(images.map((i) => [i.Id, i]));
  const children = new Map<string, string[]>();
  for (const i of images) if (i.ParentId) children.set(i.ParentId, [...(children.get(i.ParentId) ?? []), i.Id]);

  const doomed = new Set<string>();
  for (const img of images) {
    const hasChildren = (children.get(img.Id)?.length ?? 0) > 0;
    if (untagged(img) && hasChildren) continue; // intermediate images go with their child
    if (!all && (!untagged(img) || hasChildren)) continue;
    if (!matchLabels(opts.filters, img.Labels)) continue;
    if (used.has(img.Id)) continue;
    if (hasChildren) continue; // a tagged parent is only untagged while a child remains
    doomed.add(img.Id);
  }
  // Deleting an image also deletes its untagged parents that nothing else needs.
  for (const id of [...doomed]) {
    let parent = byId.get(id)?.ParentId;
    while (parent) {
      const p = byId.get(parent);
      if (!p || !untagged(p) || used.has(p.Id) || doomed.has(p.Id)) break;
      if (!(children.get(p.Id) ?? []).every((c) => doomed.has(c))) break;
      doomed.add(p.Id);
      parent = p.ParentId;
    }
  }

  const layerInfo = new Map<string, { chains: string[]; sizes: number[] }>();
  const layers = await mapBounded(images, LAYER_CONCURRENCY, (img) => src.layers(img.Id));
  layers.forEach((r, i) => {
    if (r.status === 'rejected') throw r.reason;
    if (r.status === 'fulfilled') layerInfo.set((images[i] as PruneImage).Id, { chains: chainIds(r.value.diffIds), sizes: r.value.sizes });
  });
  const kept = new Set<string>();
  for (const img of images) if (!doomed.has(img.Id)) for (const c of layerInfo.get(img.Id)?.chains ?? []) kept.add(c);
  const freedChains = new Map<string, number>();
  const result: PrunePreviewImage[] = [];
  for (const id of doomed) {
    const img = byId.get(id) as PruneImage;
    const info = layerInfo.get(id) ?? { chains: [], sizes: [] };
    let own = 0;
    info.chains.forEach((c, i) => {
      if (kept.has(c) || freedChains.has(c)) return;
      freedChains.set(c, info.sizes[i] ?? 0);
      own += info.sizes[i] ?? 0;
    });
    result.push({ id, tags: untagged(img) ? [] : (img.RepoTags ?? []), created: img.Created, size: img.Size, freedBytes: own });
  }
  result.sort((a, b) => b.created - a.created);
  return { images: result, freedBytes: [...freedChains.values()].reduce((s, n) => s + n, 0) };
}
