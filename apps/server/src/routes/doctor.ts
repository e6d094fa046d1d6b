import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DoctorRequest, DoctorResult } from '@porthole/shared/networks';
import { Type } from '@sinclair/typebox';
import { runDoctor } from '../docker/doctor.ts';

/** `POST /api/engines/:engine/containers/:id/doctor` — name resolution and a TCP connect from inside a container, with reasons. */
const doctorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/engines/:engine/containers/:id/doctor',
    {
      schema: {
        // The id goes into the engine's URL as it is (a space made the call fail with 500).
        params: Type.Object({
          engine: Type.String({ minLength: 1, maxLength: 64 }),
          id: Type.String({ minLength: 1, maxLength: 256, pattern: '^[a-zA-Z0-9_.-]+$' }),
        }),
        body: DoctorRequest,
        response: { 200: DoctorResult },
      },
    },
    async (req) => {
      const engine = app.engines.get(req.params.engine);
      if (!engine) throw Object.assign(new Error(`Unknown engine "${req.params.engine}"`), { statusCode: 404 });
      return runDoctor(engine.docker, req.params.id, req.body.target.trim(), req.body.port);
    },
  );
};

export default doctorRoutes;
