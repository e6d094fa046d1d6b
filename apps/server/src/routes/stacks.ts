import { EngineParams } from '@porthole/shared/schemas/engine-params';
import { StackDeploy, StackDeployResult, StackInfo, StackParams } from '@porthole/shared/schemas/stacks';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { deployStack, listStacks, removeStack } from '../docker/stacks.ts';

/** Swarm stacks on a manager (`docker stack deploy | ls | rm`); 409 on an engine that is not one. Roles: policy/route-policies.ts. */
const stackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/engines/:engine/stacks', { schema: { params: EngineParams, response: { 200: Type.Array(StackInfo) } } }, async (req) =>
    listStacks(req.engine),
  );

  app.post(
    '/api/engines/:engine/stacks',
    {
      schema: { params: EngineParams, body: StackDeploy, response: { 200: StackDeployResult } },
    },
    async (req) => deployStack(req.engine, req.body.name, req.body.compose, req.body.files),
  );

  app.delete(
    '/api/engines/:engine/stacks/:name',
    {
      schema: { params: StackParams, response: { 200: Type.Object({ removed: Type.Array(Type.String()) }) } },
    },
    async (req) => removeStack(req.engine, req.params.name),
  );
};

export default stackRoutes;
