import { type Static, Type } from '@sinclair/typebox';
import type * as health from '../health.ts';
import type { Check, Same } from './same-type.ts';

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  engines: Type.Record(Type.String(), Type.Object({ reachable: Type.Boolean(), message: Type.Optional(Type.String()) })),
});
export type HealthResponse = health.HealthResponse;

export type SchemaChecks = [Check<Same<Static<typeof HealthResponse>, health.HealthResponse>>];
