import { type Static, Type } from '@sinclair/typebox';

/**
 * Path params every route under `/api/engines/:engine/...` declares (the server looks the engine
 * up in one place: an unknown one is a 404 `Unknown engine "x"`).
 */
export const EngineId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9_.-]+$' });
/** A container id or name, as the Engine API accepts it in a path. */
export const ContainerRef = Type.String({ minLength: 1, maxLength: 256, pattern: '^[a-zA-Z0-9_.-]+$' });

export const EngineParams = Type.Object({ engine: EngineId });
export type EngineParams = Static<typeof EngineParams>;

export const ContainerParams = Type.Object({ engine: EngineId, id: ContainerRef });
export type ContainerParams = Static<typeof ContainerParams>;

/** `/api/engines/:engine/docker/*`: the Engine API path after the prefix, relayed as it is. */
export const ProxyParams = Type.Object({ engine: EngineId, '*': Type.Optional(Type.String()) });
export type ProxyParams = Static<typeof ProxyParams>;
