import { Type } from '@sinclair/typebox';
import type * as stacks from '../stacks.ts';
import { EngineId } from './engine-params.ts';
import type { Exactly } from './same-type.ts';

const StackName = Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$' });

export const StackDeploy = Type.Object(
  {
    name: StackName,
    compose: Type.String({ minLength: 1, maxLength: 256 * 1024 }),
    files: Type.Optional(Type.Record(Type.String({ maxLength: 256 }), Type.String({ maxLength: 500 * 1024 }), { maxProperties: 64 })),
  },
  { additionalProperties: false },
);
export type StackDeploy = Exactly<stacks.StackDeploy, typeof StackDeploy, true>;
export const StackService = Type.Object({
  id: Type.String(),
  name: Type.String(),
  image: Type.String(),
  mode: Type.Union([Type.Literal('replicated'), Type.Literal('global')]),
  running: Type.Integer(),
  desired: Type.Integer(),
});
export type StackService = Exactly<stacks.StackService, typeof StackService, true>;
export const StackInfo = Type.Object({ name: Type.String(), services: Type.Array(StackService) });
export type StackInfo = Exactly<stacks.StackInfo, typeof StackInfo, true>;
export const StackDeployResult = Type.Object({
  name: Type.String(),
  created: Type.Array(Type.String()),
  updated: Type.Array(Type.String()),
});
export type StackDeployResult = Exactly<stacks.StackDeployResult, typeof StackDeployResult, true>;
export const StackParams = Type.Object({ engine: EngineId, name: StackName });
