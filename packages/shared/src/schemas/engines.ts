import { Type } from '@sinclair/typebox';
import type * as engines from '../engines.ts';
import { EngineId } from './engine-params.ts';
import type { Exactly } from './same-type.ts';

const Pem = Type.String({ maxLength: 64 * 1024 });
const Colour = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
const Name = Type.String({ minLength: 1, maxLength: 64 });
const Host = Type.String({ minLength: 1, maxLength: 512 });

export const SwarmRole = Type.Union([Type.Literal('none'), Type.Literal('worker'), Type.Literal('manager')]);
export const EngineHealth = Type.Object({
  state: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('unknown')]),
  lastError: Type.Optional(Type.String()),
  lastCheckedAt: Type.Optional(Type.String()),
  since: Type.Optional(Type.String()),
});
export const EngineCounts = Type.Object({
  containersRunning: Type.Integer(),
  containersStopped: Type.Integer(),
  containersUnhealthy: Type.Integer(),
  images: Type.Integer(),
});

export const EngineInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  colour: Type.String(),
  host: Type.String(),
  tls: Type.Optional(Type.Object({ ca: Type.Boolean(), cert: Type.Boolean(), hasKey: Type.Boolean(), verify: Type.Boolean() })),
  ssh: Type.Optional(Type.Object({ hasKey: Type.Boolean(), knownHosts: Type.Boolean() })),
  allowInsecureTcp: Type.Boolean(),
  warning: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  apiVersion: Type.Optional(Type.String()),
  os: Type.Optional(Type.String()),
  arch: Type.Optional(Type.String()),
  swarmRole: SwarmRole,
  health: EngineHealth,
  counts: Type.Optional(EngineCounts),
});
export type EngineInfo = Exactly<engines.EngineInfo, typeof EngineInfo, true>;

export const EngineTlsInput = Type.Object(
  { ca: Type.Optional(Pem), cert: Type.Optional(Pem), key: Type.Optional(Pem), verify: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const EngineSshInput = Type.Object(
  { privateKey: Type.Optional(Pem), knownHosts: Type.Optional(Type.String({ maxLength: 16 * 1024 })) },
  { additionalProperties: false },
);

export const EngineCreate = Type.Object(
  {
    name: Name,
    host: Host,
    id: Type.Optional(EngineId),
    colour: Type.Optional(Colour),
    tls: Type.Optional(EngineTlsInput),
    ssh: Type.Optional(EngineSshInput),
    allowInsecureTcp: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type EngineCreate = Exactly<engines.EngineCreate, typeof EngineCreate, true>;

export const EngineUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    host: Type.Optional(Host),
    colour: Type.Optional(Colour),
    tls: Type.Optional(Type.Union([EngineTlsInput, Type.Null()])),
    ssh: Type.Optional(EngineSshInput),
    allowInsecureTcp: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type EngineUpdate = Exactly<engines.EngineUpdate, typeof EngineUpdate, true>;

export const EngineTestResult = Type.Object({
  ok: Type.Boolean(),
  version: Type.Optional(Type.String()),
  apiVersion: Type.Optional(Type.String()),
  os: Type.Optional(Type.String()),
  arch: Type.Optional(Type.String()),
  swarmRole: Type.Optional(SwarmRole),
  message: Type.Optional(Type.String()),
});
export type EngineTestResult = Exactly<engines.EngineTestResult, typeof EngineTestResult, true>;

export const EngineIdParams = Type.Object({ id: EngineId });
