import { Type } from '@sinclair/typebox';
import type * as health from '../health.ts';
import type { Exactly } from './same-type.ts';

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  engines: Type.Record(Type.String(), Type.Object({ reachable: Type.Boolean(), message: Type.Optional(Type.String()) })),
});
export type HealthResponse = Exactly<health.HealthResponse, typeof HealthResponse, true>;

export const HealthTransitionsQuery = Type.Object(
  { container: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[a-f0-9]+$' })) },
  { additionalProperties: false },
);
export type HealthTransitionsQuery = Exactly<health.HealthTransitionsQuery, typeof HealthTransitionsQuery, true>;

export const HealthTransition = Type.Object({
  container: Type.String(),
  name: Type.String(),
  status: Type.String(),
  previous: Type.Optional(Type.String()),
  time: Type.Number(),
});
export const HealthTransitionsResponse = Type.Object({ transitions: Type.Array(HealthTransition) });
export type HealthTransitionsResponse = Exactly<health.HealthTransitionsResponse, typeof HealthTransitionsResponse, true>;

export const EngineCapabilities = Type.Object({
  blkioWeight: Type.Object({ supported: Type.Union([Type.Boolean(), Type.Null()]), warning: Type.Optional(Type.String()) }),
});
export type EngineCapabilities = Exactly<health.EngineCapabilities, typeof EngineCapabilities, true>;
