import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DoctorRequest, DoctorResult } from '@porthole/shared/schemas/networks';
import { Type } from '@sinclair/typebox';
import { runDoctor } from '../docker/doctor.ts';

/** `POST /api/engines/:engine/containers/:id/doctor` — name resolution and a TCP connect from inside a container, with reasons. */
const doctorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/engines/:engine/containers/:id/doctor',
    {
      schema: {
        params: Type.Object({ engine: Type.String(), id: Type.String() }),
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
