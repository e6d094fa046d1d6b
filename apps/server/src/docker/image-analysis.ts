import type { FileContent, ImageAnalysis, LayerFiles } from '@porthole/shared/images';
import { ApiError } from '../http/api-error.ts';
import type { EngineApi } from './engine-api.ts';
import { findFileInExport, type ImageExport, readImageExport } from './image-export.ts';
import { analyseExport, replayLayers, treeEntries } from './layer-analysis.ts';

/** Most entries one layer listing returns, and most bytes of one file shown. */
const MAX_ENTRIES = 50_000;
const MAX_FILE = 1 << 20;

interface CachedAnalysis {
  analysis: ImageAnalysis;
  exp: ImageExport;
}

/**
 * The image layer analysis service (`/api/engines/:engine/images/:id/analysis…`): streams the
 * image export once per image id (an image id is its content, so an analysis never goes stale),
 * keeps the newest few, and answers the analysis, a layer's changes, the tree up to a layer, and
 * a file of a layer from it. Concurrent requests for the same image share one export.
 */
export class ImageAnalyses {
  private readonly entries = new Map<string, Promise<CachedAnalysis>>();

  constructor(private readonly max = 8) {}

  async analysis(engine: EngineApi, ref: string): Promise<ImageAnalysis> {
    return (await this.of(engine, ref)).cached.analysis;
  }

  async layerChanges(engine: EngineApi, ref: string, layer: number): Promise<LayerFiles> {
    const { cached } = await this.of(engine, ref);
    this.layerOf(cached, layer);
    const changes = replayLayers(cached.exp.layers, layer).changes[layer] ?? [];
    return { layer, entries: changes.slice(0, MAX_ENTRIES), truncated: changes.length > MAX_ENTRIES };
  }

  async layerTree(engine: EngineApi, ref: string, layer: number): Promise<LayerFiles> {
    const { cached } = await this.of(engine, ref);
    this.layerOf(cached, layer);
    const entries = treeEntries(replayLayers(cached.exp.layers, layer).tree);
    return { layer, entries: entries.slice(0, MAX_ENTRIES), truncated: entries.length > MAX_ENTRIES };
  }

  /** Up to 1 MiB of one file of one layer, streaming the export again (only up to that file). */
  async layerFile(engine: EngineApi, ref: string, layer: number, path: string): Promise<FileContent> {
    const { id, cached } = await this.of(engine, ref);
    const { tarPath } = this.layerOf(cached, layer);
    const source = await engine.exportImage(id);
    const found = await findFileInExport(source, tarPath, path, MAX_FILE).finally(() => source.destroy());
    if (!found) throw new ApiError(404, `Layer ${layer} has no file ${path}`);
    if (found.type !== 'file') throw new ApiError(400, `${path} is not a regular file`);
    const binary = found.data.subarray(0, 8000).includes(0);
    return { path, layer, size: found.size, binary, truncated: found.truncated, content: binary ? '' : found.data.toString('utf8') };
  }

  private layerOf(cached: CachedAnalysis, layer: number) {
    const found = cached.exp.layers[layer];
    if (!found) throw new ApiError(404, `The image has no layer ${layer}`);
    return found;
  }

  private async of(engine: EngineApi, ref: string): Promise<{ id: string; cached: CachedAnalysis }> {
    const { Id: id } = await engine.inspectImage(ref);
    return { id, cached: await this.cached(engine, id) };
  }

  private cached(engine: EngineApi, imageId: string): Promise<CachedAnalysis> {
    const key = `${engine.id}\u0000${imageId}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const started = Date.now();
    const p = (async () => {
      const source = await engine.exportImage(imageId);
      try {
        const exp = await readImageExport(source);
        return { exp, analysis: analyseExport(imageId, exp, started) };
      } finally {
        source.destroy();
      }
    })();
    this.entries.set(key, p);
    p.catch(() => this.entries.delete(key));
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return p;
  }
}
