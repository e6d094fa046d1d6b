import type { EngineInfo } from '@porthole/shared/engines';
import { EngineParams } from '@porthole/shared/schemas/engine-params';
import { EngineCreate, EngineInfo as EngineInfoSchema, EngineTestResult, EngineUpdate } from '@porthole/shared/schemas/engines';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { describeRecord } from '../engines/engine-input.ts';
import { testEngine } from '../engines/engine-health.ts';

/** Changing engines (their keys are root on other hosts) is for admins; everyone signed in may list them. */

function infoOf(app: FastifyInstance, id: string): EngineInfo {
  const facts = app.engineHealth.of(id);
  return { ...describeRecord(app.engines.record(id)), ...facts };
}

/**
 * The engine registry (`/api/engines`): list with health, versions and counts (the All engines
 * page), add, change, test, remove. Keys go in, never out (`hasKey`).
 */
const engineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/engines', { schema: { response: { 200: Type.Array(EngineInfoSchema) } } }, async () =>
    app.engines.records().map((r) => infoOf(app, r.id)),
  );

  app.get('/api/engines/:engine', { schema: { params: EngineParams, response: { 200: EngineInfoSchema } } }, async (req) =>
    infoOf(app, req.params.engine),
  );

  app.post('/api/engines', { schema: { body: EngineCreate, response: { 201: EngineInfoSchema } } }, async (req, reply) => {
    const rec = app.engines.create(req.body);
    await app.engineHealth.check(app.engines.require(rec.id));
    return reply.code(201).send(infoOf(app, rec.id));
  });

  app.patch(
    '/api/engines/:engine',
    { schema: { params: EngineParams, body: EngineUpdate, response: { 200: EngineInfoSchema } } },
    async (req) => {
      const rec = app.engines.update(req.params.engine, req.body);
      await app.engineHealth.check(app.engines.require(rec.id));
      return infoOf(app, rec.id);
    },
  );

  app.delete('/api/engines/:engine', { schema: { params: EngineParams, response: { 204: Type.Null() } } }, async (req, reply) => {
    app.engines.remove(req.params.engine);
    return reply.code(204).send(null);
  });

  app.post('/api/engines/:engine/test', { schema: { params: EngineParams, response: { 200: EngineTestResult } } }, async (req) => {
    const { info: _info, ...result } = await testEngine(req.engine);
    return result;
  });
};

export default engineRoutes;
