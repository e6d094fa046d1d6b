import { type Static, Type } from '@sinclair/typebox';

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  engines: Type.Record(Type.String(), Type.Object({ reachable: Type.Boolean(), message: Type.Optional(Type.String()) })),
});
export type HealthResponse = Static<typeof HealthResponse>;

export const EngineInfo = Type.Object({ id: Type.String(), name: Type.String(), host: Type.String() });
export type EngineInfo = Static<typeof EngineInfo>;
