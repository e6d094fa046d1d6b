import { describe, expect, it } from 'vitest';
import { isRefusal, readableEngineMessage } from './engine-messages.ts';
import { memoryUpdate } from './memory-update.ts';

const MIB = 1024 * 1024;

describe('memoryUpdate', () => {
  it('sets --memory-swap to twice the memory for a container without limits, like docker run', () => {
    const u = memoryUpdate({ Memory: 0, MemorySwap: 0 }, 64 * MIB, 'web');
    expect(u.body).toEqual({ Memory: 64 * MIB, MemorySwap: 128 * MIB });
    expect(u.command).toBe('docker update --memory 64m --memory-swap 128m web');
    expect(u.explanation).toMatch(/twice the memory \(128m\)/);
  });

  it('keeps unlimited swap unlimited, and keeps the amount of swap of a set limit', () => {
    expect(memoryUpdate({ Memory: 64 * MIB, MemorySwap: -1 }, 256 * MIB, 'a').body).toEqual({ Memory: 256 * MIB, MemorySwap: -1 });
    expect(memoryUpdate({ Memory: 64 * MIB, MemorySwap: -1 }, 256 * MIB, 'a').command).toBe(
      'docker update --memory 256m --memory-swap -1 a',
    );
    const grown = memoryUpdate({ Memory: 64 * MIB, MemorySwap: 96 * MIB }, 256 * MIB, 'a');
    expect(grown.body).toEqual({ Memory: 256 * MIB, MemorySwap: 288 * MIB });
    expect(grown.explanation).toMatch(/keeping the 32m of swap/);
    expect(memoryUpdate({ Memory: 64 * MIB, MemorySwap: 64 * MIB }, 32 * MIB, 'a').body).toEqual({
      Memory: 32 * MIB,
      MemorySwap: 32 * MIB,
    });
  });
});

describe('readableEngineMessage', () => {
  it("says runc's refusal of a limit below usage in MiB, and leaves other messages alone", () => {
    const runc =
      'Cannot update container a1: runc did not terminate successfully: exit status 1: unable to set memory limit to 8388608 (current usage: 40423424, peak usage: 40923136)\n: unknown';
    expect(readableEngineMessage(runc)).toBe(
      'The container uses 38.6 MiB now, more than the new limit of 8 MiB: choose a higher limit, or free memory in the container (or stop it) first.',
    );
    expect(isRefusal(runc)).toBe(true);
    expect(readableEngineMessage('No such container: x')).toBe('No such container: x');
    expect(isRefusal('No such container: x')).toBe(false);
  });
});
