import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ContainerParams } from '@porthole/shared/schemas/engine-params';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import { DoctorRequest, DoctorResult } from '@porthole/shared/schemas/networks';
import type { Me } from '@porthole/shared/auth';
import { runDoctor } from '../docker/doctor.ts';
import { assertNoHostAccess } from '../policy/host-access.ts';

/** `POST /api/engines/:engine/containers/:id/doctor` — name resolution and a TCP connect from inside a container, with reasons. */
const doctorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/engines/:engine/containers/:id/doctor',
    { schema: { params: ContainerParams, body: DoctorRequest, response: { 200: DoctorResult, 404: ErrorBody } } },
    async (req) => {
      const { role } = req.user as Me;
      // The checks are execs: a container with host access is an admin's to run them in.
      const id =
        role === 'admin'
          ? req.params.id
          : ((await assertNoHostAccess(req.engine, req.params.id, role, 'run network checks inside')) ?? req.params.id);
      return runDoctor(req.engine, id, req.body.target.trim(), req.body.port);
    },
  );
};

export default doctorRoutes;
