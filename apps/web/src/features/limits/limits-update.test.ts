import { describe, expect, it } from 'vitest';
import { type LimitsDraft, planUpdate } from './limits-update.ts';

const none: LimitsDraft = {
  cpus: '',
  cpuShares: '',
  cpusetCpus: '',
  memory: '',
  memorySwap: '',
  pidsLimit: '',
  blkioWeight: '',
  restart: 'no',
};

describe('planUpdate: memory limits below what Docker accepts are refused before anything is sent', () => {
  it.each(['2k', '1', '512k', '5m', '6291455', '0.5m'])('memory %s is an error in plain words', (memory) => {
    const plan = planUpdate('web', none, { ...none, memory });
    expect(plan.errors.memory).toBe('At least 6m: Docker accepts no smaller limit');
    expect(plan.memory).toBeUndefined();
  });

  it.each(['2k', '5m'])('memory-swap %s too', (memorySwap) => {
    expect(planUpdate('web', none, { ...none, memorySwap }).errors.memorySwap).toMatch(/^At least 6m/);
  });

  it('6m and more go through, with the swap docker run --memory would set', () => {
    const plan = planUpdate('web', none, { ...none, memory: '6m' });
    expect(plan.errors).toEqual({});
    expect(plan.memory).toBe(6 * 1024 * 1024);
    expect(plan.command).toBe('docker update --memory 6m --memory-swap 12m web');
  });

  it('an emptied field still lifts the limit', () => {
    const plan = planUpdate('web', { ...none, memory: '64m' }, none, { Memory: 64 << 20, MemorySwap: 128 << 20 });
    expect(plan.errors).toEqual({});
    expect(plan.body.Memory).toBe(0);
  });
});
