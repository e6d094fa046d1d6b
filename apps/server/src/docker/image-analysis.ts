import type { ImageAnalysis } from '@porthole/shared/images';
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { findFileInExport, type ImageExport, readImageExport } from './image-export.ts';
import { analyseExport } from './layer-analysis.ts';

export interface CachedAnalysis {
  analysis: ImageAnalysis;
  exp: ImageExport;
}

/**
 * Layer analyses by image id (an image id is its content, so an analysis never goes stale).
 * Concurrent requests for the same image share one export; the newest few stay cached.
 */
export class ImageAnalysisCache {
  private readonly entries = new Map<string, Promise<CachedAnalysis>>();

  constructor(private readonly max = 8) {}

  get(docker: Docker, engine: string, imageId: string): Promise<CachedAnalysis> {
    const key = `${engine}\u0000${imageId}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const started = Date.now();
    const p = (async () => {
      const source = (await docker.getImage(imageId).get()) as Readable;
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

  /** Reads up to `limit` bytes of a file from one layer, streaming the export again. */
  async file(docker: Docker, imageId: string, tarPath: string, path: string, limit: number) {
    const source = (await docker.getImage(imageId).get()) as Readable;
    try {
      return await findFileInExport(source, tarPath, path, limit);
    } finally {
      source.destroy();
    }
  }
}
