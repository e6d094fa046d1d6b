import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ContainerParams } from '@porthole/shared/schemas/engine-params';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import { DoctorRequest, DoctorResult } from '@porthole/shared/schemas/networks';
import { runDoctor } from '../docker/doctor.ts';

/** `POST /api/engines/:engine/containers/:id/doctor` — name resolution and a TCP connect from inside a container, with reasons. */
const doctorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/engines/:engine/containers/:id/doctor',
    { schema: { params: ContainerParams, body: DoctorRequest, response: { 200: DoctorResult, 404: ErrorBody } } },
    async (req) => runDoctor(req.engine, req.params.id, req.body.target.trim(), req.body.port),
  );
};

export default doctorRoutes;
