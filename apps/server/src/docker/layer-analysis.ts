import type { FileEntry, ImageAnalysis, LayerSummary, WastedPath } from '@porthole/shared/images';
import type { ImageExport, LayerEntry } from './image-export.ts';
import { imageHints } from './image-hints.ts';

/**
 * Layer analysis of a read image export (see image-export.ts): what each layer adds, changes and
 * removes (whiteouts `.wh.<name>` and opaque dirs `.wh..wh..opq`), the aggregate tree up to a
 * layer, the bytes shipped vs the bytes in the final image, and the wasted paths.
 */

interface Version {
  type: LayerEntry['type'];
  size: number;
  layer: number;
  target?: string;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const dirName = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
const under = (p: string, dir: string) => (dir === '/' ? p !== '/' : p.startsWith(`${dir}/`));

export interface LayerReplay {
  /** Per layer, what it does. */
  changes: FileEntry[][];
  /** The tree after the last replayed layer. */
  tree: Map<string, Version>;
  wasted: Map<string, WastedPath>;
}

/** Applies the layers `0..upTo` in order, recording changes and wasted versions. */
export function replayLayers(layers: ImageExport['layers'], upTo = layers.length - 1): LayerReplay {
  const tree = new Map<string, Version>();
  const changes: FileEntry[][] = [];
  const wasted = new Map<string, WastedPath>();
  const waste = (path: string, v: Version, removedIn?: number) => {
    if (v.type !== 'file' || v.size === 0) return;
    const w = wasted.get(path) ?? { path, bytes: 0, layers: [] };
    w.bytes += v.size;
    if (!w.layers.includes(v.layer)) w.layers.push(v.layer);
    if (removedIn !== undefined) w.removedIn = removedIn;
    wasted.set(path, w);
  };
  const removeUnder = (dir: string, layer: number, includeSelf: boolean): number => {
    let bytes = 0;
    for (const [p, v] of tree) {
      if ((includeSelf && p === dir) || under(p, dir)) {
        if (v.layer >= layer) continue;
        if (v.type === 'file') bytes += v.size;
        waste(p, v, layer);
        tree.delete(p);
      }
    }
    return bytes;
  };

  for (let i = 0; i <= upTo && i < layers.length; i++) {
    const entries = (layers[i] as ImageExport['layers'][number]).entries;
    const out: FileEntry[] = [];
    // Whiteouts hide what lower layers have; apply them before this layer's own files.
    for (const e of entries) {
      const name = baseName(e.path);
      if (!name.startsWith(WHITEOUT)) continue;
      if (name === OPAQUE) {
        const dir = dirName(e.path);
        const bytes = removeUnder(dir, i, false);
        if (bytes > 0 || tree.has(dir)) out.push({ path: `${dir === '/' ? '' : dir}/*`, type: 'dir', size: bytes, change: 'removed' });
      } else {
        const target = `${dirName(e.path) === '/' ? '' : dirName(e.path)}/${name.slice(WHITEOUT.length)}`;
        const prev = tree.get(target);
        const bytes = removeUnder(target, i, true);
        out.push({ path: target, type: prev?.type ?? 'file', size: bytes, change: 'removed' });
      }
    }
    for (const e of entries) {
      if (baseName(e.path).startsWith(WHITEOUT)) continue;
      const prev = tree.get(e.path);
      if (prev && prev.type === 'dir' && e.type === 'dir') {
        tree.set(e.path, { ...prev });
        continue;
      }
      if (prev) waste(e.path, prev);
      if (prev && prev.type === 'dir' && e.type !== 'dir') removeUnder(e.path, i + 1, false);
      const v: Version = { type: e.type, size: e.size, layer: i };
      if (e.target) v.target = e.target;
      tree.set(e.path, v);
      out.push({ path: e.path, type: e.type, size: e.size, change: prev ? 'changed' : 'added', ...(e.target ? { target: e.target } : {}) });
    }
    changes.push(out);
  }
  return { changes, tree, wasted };
}

/** The aggregate tree as entries, sorted by path. */
export function treeEntries(tree: Map<string, Version>): FileEntry[] {
  return [...tree]
    .map(([path, v]) => ({ path, type: v.type, size: v.size, layer: v.layer, ...(v.target ? { target: v.target } : {}) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Which history entry made each layer: entries with `empty_layer` have no layer tar. */
export function historyIndexes(exp: ImageExport): number[] {
  const history = exp.config.history ?? [];
  const out: number[] = [];
  history.forEach((h, i) => {
    if (!h.empty_layer) out.push(i);
  });
  return exp.layers.map((_, i) => out[i] ?? -1);
}

export function analyseExport(imageId: string, exp: ImageExport, startedAt = Date.now()): ImageAnalysis {
  const { changes, tree, wasted } = replayLayers(exp.layers);
  const history = exp.config.history ?? [];
  const hIndex = historyIndexes(exp);
  const layers: LayerSummary[] = exp.layers.map((l, i) => {
    const ch = changes[i] ?? [];
    const count = (c: string) => ch.filter((e) => e.change === c);
    const bytes = (list: FileEntry[]) => list.reduce((s, e) => s + (e.type === 'file' || e.change === 'removed' ? e.size : 0), 0);
    const historyIndex = hIndex[i] ?? -1;
    return {
      index: i,
      diffId: exp.config.rootfs?.diff_ids[i] ?? '',
      historyIndex,
      createdBy: history[historyIndex]?.created_by ?? '',
      size: l.entries.reduce((s, e) => s + (e.type === 'file' ? e.size : 0), 0),
      files: l.entries.filter((e) => e.type !== 'dir').length,
      added: count('added').length,
      changed: count('changed').length,
      removed: count('removed').length,
      addedBytes: bytes(count('added')),
      changedBytes: bytes(count('changed')),
      removedBytes: bytes(count('removed')),
    };
  });
  const shippedBytes = layers.reduce((s, l) => s + l.size, 0);
  let finalBytes = 0;
  for (const v of tree.values()) if (v.type === 'file') finalBytes += v.size;
  const wastedList = [...wasted.values()].sort((a, b) => b.bytes - a.bytes);
  return {
    imageId,
    layers,
    shippedBytes,
    finalBytes,
    wastedBytes: shippedBytes - finalBytes,
    efficiency: shippedBytes === 0 ? 1 : finalBytes / shippedBytes,
    wasted: wastedList.slice(0, 200),
    hints: imageHints({ exp, layers, changes, wasted: wastedList }),
    analysedAt: new Date().toISOString(),
    durationMs: Date.now() - startedAt,
  };
}
