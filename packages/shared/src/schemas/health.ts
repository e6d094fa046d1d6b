import { type Static, Type } from '@sinclair/typebox';
import type * as health from '../health.ts';
import type { Check, Same } from './same-type.ts';

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  engines: Type.Record(Type.String(), Type.Object({ reachable: Type.Boolean(), message: Type.Optional(Type.String()) })),
});
export type HealthResponse = health.HealthResponse;

export const HealthTransitionsQuery = Type.Object(
  { container: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[a-f0-9]+$' })) },
  { additionalProperties: false },
);
export type HealthTransitionsQuery = health.HealthTransitionsQuery;

export const HealthTransition = Type.Object({
  container: Type.String(),
  name: Type.String(),
  status: Type.String(),
  previous: Type.Optional(Type.String()),
  time: Type.Number(),
});
export const HealthTransitionsResponse = Type.Object({ transitions: Type.Array(HealthTransition) });
export type HealthTransitionsResponse = health.HealthTransitionsResponse;

export const EngineCapabilities = Type.Object({
  blkioWeight: Type.Object({ supported: Type.Union([Type.Boolean(), Type.Null()]), warning: Type.Optional(Type.String()) }),
});
export type EngineCapabilities = health.EngineCapabilities;

export type SchemaChecks = [
  Check<Same<Static<typeof EngineCapabilities>, health.EngineCapabilities>>,
  Check<Same<Static<typeof HealthResponse>, health.HealthResponse>>,
  Check<Same<Static<typeof HealthTransitionsQuery>, health.HealthTransitionsQuery>>,
  Check<Same<Static<typeof HealthTransitionsResponse>, health.HealthTransitionsResponse>>,
];
