import { formatSize } from './run-units.ts';

/**
 * Setting a container's memory limit the way the user means it (`docker update --memory`).
 *
 * The engine refuses a new `Memory` above the container's memory+swap limit ("Memory limit should
 * be smaller than already set memoryswap limit") — and a container started without limits has
 * none set (MemorySwap 0, or -1 for unlimited swap), which the engine checks the same way. So the
 * update carries `MemorySwap` too whenever it is needed: unset → twice the memory (what
 * `docker run --memory` does), unlimited (-1) → stays unlimited, a set limit → the same amount of
 * swap on top of the new memory.
 */

/** The smallest limit the engine accepts (6 MiB). */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

export interface CurrentMemory {
  /** `HostConfig.Memory`: 0 = no limit. */
  Memory?: number;
  /** `HostConfig.MemorySwap`: 0 = unset, -1 = unlimited swap. */
  MemorySwap?: number;
}

export interface MemoryUpdateBody {
  Memory: number;
  MemorySwap?: number;
}

export interface MemoryUpdate {
  /** The body of `POST /containers/{id}/update`. */
  body: MemoryUpdateBody;
  /** The equivalent command (`docker update --memory 64m --memory-swap 128m web`). */
  command: string;
  /** One sentence on what happens to swap, for the preview. */
  explanation: string;
}

export function memoryUpdate(current: CurrentMemory, memory: number, name: string): MemoryUpdate {
  const swap = current.MemorySwap ?? 0;
  const mem = current.Memory ?? 0;
  let memorySwap: number | undefined;
  let explanation: string;
  if (swap === -1) {
    memorySwap = -1;
    explanation = 'Swap stays unlimited (--memory-swap -1), as the container had it.';
  } else if (swap === 0 || mem === 0) {
    memorySwap = memory * 2;
    explanation = `The container had no swap limit: --memory-swap is set to twice the memory (${formatSize(memorySwap)}), as docker run --memory does.`;
  } else {
    const extra = Math.max(0, swap - mem);
    memorySwap = memory + extra;
    explanation =
      memorySwap === swap
        ? 'The memory+swap limit stays as it is.'
        : `--memory-swap moves with it (${formatSize(memorySwap)}), keeping the ${formatSize(extra)} of swap the container had.`;
  }
  const swapArg = memorySwap === -1 ? '-1' : formatSize(memorySwap);
  return {
    body: { Memory: memory, MemorySwap: memorySwap },
    command: `docker update --memory ${formatSize(memory)} --memory-swap ${swapArg} ${name}`,
    explanation,
  };
}
