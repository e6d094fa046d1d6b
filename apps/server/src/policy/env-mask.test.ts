import { describe, expect, it } from 'vitest';
import { MASKED_VALUE, VIEWER_MASKS, maskContainerEnv } from './env-mask.ts';

const ENV = ['API_KEY=s3cret', 'EMPTY=', 'NAME_ONLY'];
const MASKED = [`API_KEY=${MASKED_VALUE}`, `EMPTY=${MASKED_VALUE}`, 'NAME_ONLY'];
const spec = { TaskTemplate: { ContainerSpec: { Image: 'x', Env: ENV } } };

describe('what viewers get masked', () => {
  it('masks env values of containers, services (spec and previous spec) and tasks; names stay', () => {
    expect(maskContainerEnv({ Id: 'c', Config: { Env: ENV, Image: 'x' } })).toEqual({ Id: 'c', Config: { Env: MASKED, Image: 'x' } });
    const service = { ID: 's', Spec: spec, PreviousSpec: spec };
    const masked = { ID: 's', Spec: { TaskTemplate: { ContainerSpec: { Image: 'x', Env: MASKED } } } };
    expect(VIEWER_MASKS['service.inspect']?.(service)).toEqual({ ...masked, PreviousSpec: masked.Spec });
    expect(VIEWER_MASKS['service.list']?.([service, { ID: 'bare' }])).toEqual([{ ...masked, PreviousSpec: masked.Spec }, { ID: 'bare' }]);
    const task = { ID: 't', Spec: { ContainerSpec: { Env: ENV } } };
    expect(VIEWER_MASKS['task.list']?.([task])).toEqual([{ ID: 't', Spec: { ContainerSpec: { Env: MASKED } } }]);
    expect(JSON.stringify(VIEWER_MASKS['task.inspect']?.(task))).not.toContain('s3cret');
    expect(service.Spec.TaskTemplate.ContainerSpec.Env).toBe(ENV);
  });

  it("masks a config's content and drops a secret's, leaving the rest", () => {
    const config = { ID: 'c', Spec: { Name: 'app.conf', Data: 'cGFzc3dvcmQ=' } };
    expect(VIEWER_MASKS['config.inspect']?.(config)).toEqual({ ID: 'c', Spec: { Name: 'app.conf', Data: MASKED_VALUE } });
    expect(VIEWER_MASKS['config.list']?.([config])).toEqual([{ ID: 'c', Spec: { Name: 'app.conf', Data: MASKED_VALUE } }]);
    expect(VIEWER_MASKS['secret.list']?.([{ ID: 's', Spec: { Name: 'pw', Data: 'eA==' } }])).toEqual([{ ID: 's', Spec: { Name: 'pw' } }]);
  });

  it('leaves answers of another shape alone', () => {
    for (const odd of [null, 'text', 42, { Config: null }, { Spec: 'x' }]) expect(VIEWER_MASKS['service.inspect']?.(odd)).toEqual(odd);
  });
});
