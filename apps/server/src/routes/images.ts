import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  FileContent,
  FileQuery,
  ImageAnalysis,
  ImageRefParams,
  LayerFiles,
  LayerParams,
  PrunePreview,
  PruneQuery,
} from '@porthole/shared/schemas/images';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ImageAnalysisCache } from '../docker/image-analysis-cache.ts';
import { type PruneSource, parsePruneFilters, prunePreview } from '../docker/image-prune-preview.ts';
import { replayLayers, treeEntries } from '../docker/layer-analysis.ts';
import { emptyLayerFlags } from '@porthole/shared/image-history';

const MAX_ENTRIES = 50_000;
const MAX_FILE = 1 << 20;
const EngineParams = Type.Object({ engine: Type.String({ minLength: 1, maxLength: 64 }) });

function notFound(message: string) {
  return Object.assign(new Error(message), { statusCode: 404 });
}

function engineOf(app: FastifyInstance, id: string) {
  const engine = app.engines.get(id);
  if (!engine) throw notFound(`Unknown engine "${id}"`);
  return engine;
}

/**
 * Composite image endpoints: the layer analysis (streams the image export, cached per image
 * id), a layer's changes, the aggregate tree up to a layer, a file's contents, and the prune
 * preview. Everything else about images goes through the Engine API proxy.
 */
const imageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const cache = new ImageAnalysisCache();

  const analysisOf = async (engineId: string, ref: string) => {
    const engine = engineOf(app, engineId);
    const info = await engine.docker.getImage(ref).inspect();
    return { engine, id: info.Id, cached: await cache.get(engine.docker, engineId, info.Id) };
  };

  app.get(
    '/api/engines/:engine/images/:id/analysis',
    { schema: { params: ImageRefParams, response: { 200: ImageAnalysis } } },
    async (req) => {
      return (await analysisOf(req.params.engine, req.params.id)).cached.analysis;
    },
  );

  app.get(
    '/api/engines/:engine/images/:id/analysis/layers/:layer/changes',
    { schema: { params: LayerParams, response: { 200: LayerFiles } } },
    async (req) => {
      const { cached } = await analysisOf(req.params.engine, req.params.id);
      if (req.params.layer >= cached.exp.layers.length) throw notFound(`The image has no layer ${req.params.layer}`);
      const changes = replayLayers(cached.exp.layers, req.params.layer).changes[req.params.layer] ?? [];
      return { layer: req.params.layer, entries: changes.slice(0, MAX_ENTRIES), truncated: changes.length > MAX_ENTRIES };
    },
  );

  app.get(
    '/api/engines/:engine/images/:id/analysis/layers/:layer/tree',
    { schema: { params: LayerParams, response: { 200: LayerFiles } } },
    async (req) => {
      const { cached } = await analysisOf(req.params.engine, req.params.id);
      if (req.params.layer >= cached.exp.layers.length) throw notFound(`The image has no layer ${req.params.layer}`);
      const entries = treeEntries(replayLayers(cached.exp.layers, req.params.layer).tree);
      return { layer: req.params.layer, entries: entries.slice(0, MAX_ENTRIES), truncated: entries.length > MAX_ENTRIES };
    },
  );

  app.get(
    '/api/engines/:engine/images/:id/analysis/layers/:layer/file',
    { schema: { params: LayerParams, querystring: FileQuery, response: { 200: FileContent } } },
    async (req) => {
      const { engine, id, cached } = await analysisOf(req.params.engine, req.params.id);
      const layer = cached.exp.layers[req.params.layer];
      if (!layer) throw notFound(`The image has no layer ${req.params.layer}`);
      const found = await cache.file(engine.docker, id, layer.tarPath, req.query.path, MAX_FILE);
      if (!found) throw notFound(`Layer ${req.params.layer} has no file ${req.query.path}`);
      if (found.type !== 'file') throw Object.assign(new Error(`${req.query.path} is not a regular file`), { statusCode: 400 });
      const binary = found.data.subarray(0, 8000).includes(0);
      return {
        path: req.query.path,
        layer: req.params.layer,
        size: found.size,
        binary,
        truncated: found.truncated,
        content: binary ? '' : found.data.toString('utf8'),
      };
    },
  );

  app.get(
    '/api/engines/:engine/images/prune-preview',
    { schema: { params: EngineParams, querystring: PruneQuery, response: { 200: PrunePreview } } },
    async (req) => {
      const { docker } = engineOf(app, req.params.engine);
      let filters: Record<string, string[]>;
      try {
        filters = parsePruneFilters(req.query.filters);
      } catch (err) {
        throw Object.assign(new Error(`Invalid filters: ${(err as Error).message}`), { statusCode: 400 });
      }
      const source: PruneSource = {
        listImages: async () => (await docker.listImages({ all: true })) as unknown as Awaited<ReturnType<PruneSource['listImages']>>,
        containerImageIds: async () => new Set((await docker.listContainers({ all: true })).map((c) => c.ImageID)),
        layers: async (id) => {
          const [info, history] = await Promise.all([docker.getImage(id).inspect(), docker.getImage(id).history()]);
          const diffIds = info.RootFS?.Layers ?? [];
          const entries = (history as Array<{ CreatedBy: string; Size: number }>).slice().reverse();
          const empty = emptyLayerFlags(entries, diffIds.length);
          return { diffIds, sizes: entries.filter((_, i) => !empty[i]).map((h) => h.Size) };
        },
      };
      return prunePreview(source, { all: req.query.all ?? false, filters });
    },
  );
};

export default imageRoutes;
