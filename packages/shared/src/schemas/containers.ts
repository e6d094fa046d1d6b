import { type TSchema, Type } from '@sinclair/typebox';
import type * as containers from '../containers.ts';
import type { Exactly } from './same-type.ts';

/** Schemas of the composed container list; the types are in `../containers.ts`. */

const Flag = Type.Union([Type.Boolean(), Type.Literal('1'), Type.Literal('0')]);

export const ContainerListQuery = Type.Object({ all: Type.Optional(Flag), details: Type.Optional(Flag) }, { additionalProperties: false });
export type ContainerListQuery = Exactly<containers.ContainerListQuery, typeof ContainerListQuery, true>;

/** An engine object, passed through whole (the schema names only its id). */
const EngineObject = <T>() => Type.Unsafe<T>(Type.Object({ Id: Type.String() }, { additionalProperties: true }) as TSchema);

export const ContainerListItem = Type.Object({
  summary: EngineObject<containers.ContainerSummaryFields>(),
  details: Type.Optional(EngineObject<containers.ContainerDetailsFields>()),
  error: Type.Optional(Type.String()),
  retryable: Type.Optional(Type.Boolean()),
});
export type ContainerListItem = Exactly<containers.ContainerListItem, typeof ContainerListItem, true>;

export const ContainerListResponse = Type.Object({ containers: Type.Array(ContainerListItem) });
export type ContainerListResponse = Exactly<containers.ContainerListResponse, typeof ContainerListResponse, true>;

export const MemoryLimitRequest = Type.Object(
  // 6 MiB (the engine's minimum) to 1 PiB.
  { memory: Type.Integer({ minimum: 6 * 1024 * 1024, maximum: 2 ** 50 }) },
);
export type MemoryLimitRequest = Exactly<containers.MemoryLimitRequest, typeof MemoryLimitRequest, true>;

export const MemoryLimitResult = Type.Object({
  Memory: Type.Number(),
  MemorySwap: Type.Number(),
  command: Type.String(),
  explanation: Type.String(),
  warnings: Type.Array(Type.String()),
});
export type MemoryLimitResult = Exactly<containers.MemoryLimitResult, typeof MemoryLimitResult, true>;
