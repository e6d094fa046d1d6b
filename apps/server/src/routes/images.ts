import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EngineParams } from '@porthole/shared/schemas/engine-params';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import {
  FileContent,
  FileQuery,
  ImageAnalysis,
  ImageRefParams,
  LayerFiles,
  LayerParams,
  PrunePreview,
  PruneQuery,
  PullBody,
  PullHeaders,
} from '@porthole/shared/schemas/images';
import type { Me } from '@porthole/shared/auth';
import { maskBuildStep } from '../policy/env-mask.ts';
import { ImageAnalyses } from '../docker/image-analysis.ts';
import { engineImages, parsePruneFilters, prunePreview } from '../docker/image-prune-preview.ts';
import { pullImage } from '../docker/image-pull.ts';
import { clientGone } from '../http/client-gone.ts';

const errors = { 400: ErrorBody, 404: ErrorBody };

/**
 * Composite image endpoints: the layer analysis (the image export streamed once, cached per image
 * id), a layer's changes, the tree up to a layer, a file's contents; the prune preview; and a pull
 * with normalised progress. Everything else about images goes through the Engine API proxy.
 */
const imageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const analyses = new ImageAnalyses();

  app.get(
    '/api/engines/:engine/images/:id/analysis',
    { schema: { params: ImageRefParams, response: { 200: ImageAnalysis, ...errors } } },
    async (req) => {
      const analysis = await analyses.analysis(req.engine, req.params.id);
      // A viewer reads the build steps with ENV, ARG and build-argument values masked (env-mask.ts).
      if ((req.user as Me).role !== 'viewer') return analysis;
      return { ...analysis, layers: analysis.layers.map((l) => ({ ...l, createdBy: maskBuildStep(l.createdBy) })) };
    },
  );

  app.get(
    '/api/engines/:engine/images/:id/analysis/layers/:layer/changes',
    { schema: { params: LayerParams, response: { 200: LayerFiles, ...errors } } },
    async (req) => analyses.layerChanges(req.engine, req.params.id, req.params.layer),
  );

  app.get(
    '/api/engines/:engine/images/:id/analysis/layers/:layer/tree',
    { schema: { params: LayerParams, response: { 200: LayerFiles, ...errors } } },
    async (req) => analyses.layerTree(req.engine, req.params.id, req.params.layer),
  );

  app.get(
    '/api/engines/:engine/images/:id/analysis/layers/:layer/file',
    { schema: { params: LayerParams, querystring: FileQuery, response: { 200: FileContent, ...errors } } },
    async (req) => analyses.layerFile(req.engine, req.params.id, req.params.layer, req.query.path),
  );

  app.get(
    '/api/engines/:engine/images/prune-preview',
    { schema: { params: EngineParams, querystring: PruneQuery, response: { 200: PrunePreview, ...errors } } },
    async (req) => prunePreview(engineImages(req.engine), { all: req.query.all ?? false, filters: parsePruneFilters(req.query.filters) }),
  );

  // The answer is newline-delimited JSON (`PullEvent`s) streamed as the engine reports; a failure
  // before the pull starts is an ordinary error answer.
  app.post(
    '/api/engines/:engine/images/pull',
    { schema: { params: EngineParams, headers: PullHeaders, body: PullBody, response: errors } },
    async (req, reply) => {
      const gone = clientGone(req, reply);
      const auth = req.headers['x-registry-auth'];
      let started = false;
      const send = (line: string) => {
        if (!started) {
          started = true;
          reply.hijack();
          reply.raw.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
        }
        if (!reply.raw.destroyed) reply.raw.write(`${line}\n`);
      };
      await pullImage(req.engine, req.body.image, { auth, platform: req.body.platform, signal: gone }, (event) =>
        send(JSON.stringify(event)),
      );
      // Nothing was sent only when the client left before the engine said anything.
      if (!started) {
        reply.hijack();
        return void reply.raw.destroy();
      }
      reply.raw.end();
    },
  );
};

export default imageRoutes;
