/**
 * Engine error messages people cannot act on, said readably: the one place that rewrites what the
 * engine (or runc under it) answered. Anything not recognised passes unchanged.
 */

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${Math.round((bytes / MIB) * 10) / 10} MiB`;

/** runc: `unable to set memory limit to 8388608 (current usage: 40423424, peak usage: 40923136)` */
const MEMORY_BELOW_USAGE = /unable to set memory limit to (\d+) \(current usage: (\d+)/;
const SWAP_BELOW_MEMORY = /Minimum memoryswap limit should be larger than memory limit/;

export function readableEngineMessage(message: string): string {
  const below = MEMORY_BELOW_USAGE.exec(message);
  if (below) {
    return `The container uses ${mib(Number(below[2]))} now, more than the new limit of ${mib(Number(below[1]))}: choose a higher limit, or free memory in the container (or stop it) first.`;
  }
  if (SWAP_BELOW_MEMORY.test(message)) return 'The memory+swap limit (--memory-swap) must be at least the memory limit (--memory).';
  return message;
}

/** Whether a rewritten message was a refusal of the request as asked (409), not an engine failure. */
export const isRefusal = (message: string): boolean => MEMORY_BELOW_USAGE.test(message);
