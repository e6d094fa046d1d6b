import type { MemoryLimitResult } from '@porthole/shared/containers';
import { memoryUpdate } from '@porthole/shared/memory-update';
import type { EngineApi } from './engine-api.ts';

/**
 * `docker update --memory` as the user means it: the body from `shared/memory-update.ts` (with
 * `--memory-swap` where the engine needs it), applied, and the limits the engine then reports.
 * A limit below the container's usage is refused with a readable 409 (`engine-http.ts` maps runc's
 * message in one place).
 */
export async function setMemoryLimit(engine: EngineApi, id: string, memory: number, signal?: AbortSignal): Promise<MemoryLimitResult> {
  const before = await engine.inspectContainer(id, { signal });
  const update = memoryUpdate(before.HostConfig, memory, before.Name.replace(/^\//, ''));
  const warnings = await engine.updateContainer(before.Id, update.body, { signal });
  const after = await engine.inspectContainer(before.Id, { signal });
  return {
    Memory: after.HostConfig.Memory ?? 0,
    MemorySwap: after.HostConfig.MemorySwap ?? 0,
    command: update.command,
    explanation: update.explanation,
    warnings,
  };
}
