import { describe, expect, it } from 'vitest';
import { MASKED_VALUE, VIEWER_MASKS, maskBuildStep, maskContainerEnv, maskEngineEvent } from './env-mask.ts';

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

describe('viewer masks, pass 4: build steps, exec command lines in events, process arguments', () => {
  const M = MASKED_VALUE;
  const steps: Array<[string, string]> = [
    ['/bin/sh -c #(nop)  ENV DB_PASSWORD=planted-1', `/bin/sh -c #(nop)  ENV DB_PASSWORD=${M}`],
    ['ENV DB_PASSWORD=planted-1 API_KEY="planted 2"', `ENV DB_PASSWORD=${M} API_KEY=${M}`],
    ['/bin/sh -c #(nop)  ENV TOKEN planted old form', `/bin/sh -c #(nop)  ENV TOKEN ${M}`],
    ['/bin/sh -c #(nop)  ARG NPM_TOKEN=planted-default', `/bin/sh -c #(nop)  ARG NPM_TOKEN=${M}`],
    ['ARG NPM_TOKEN', 'ARG NPM_TOKEN'],
    ['|1 NPM_TOKEN=planted-7 /bin/sh -c echo built > /built.txt', `|1 NPM_TOKEN=${M} /bin/sh -c echo built > /built.txt`],
    ['RUN |2 A=planted-a B=planted b /bin/sh -c make', `RUN |2 A=${M} B=${M} /bin/sh -c make`],
    ['/bin/sh -c apk add curl', '/bin/sh -c apk add curl'],
    // Pass 5: the classic builder drops the quotes of `ENV A="x y"`; a build argument holding ` /bin/sh -c `.
    ['/bin/sh -c #(nop)  ENV ENVQ=quoted planted value ENVC=cont-planted', `/bin/sh -c #(nop)  ENV ENVQ=${M} ENVC=${M}`],
    ['|2 TOKEN2=planted-s TOKEN=x /bin/sh -c planted-after /bin/sh -c true', `|2 TOKEN2=${M} TOKEN=${M} /bin/sh -c true`],
    // Pass 6: names that are no ASCII identifier.
    ['/bin/sh -c #(nop)  ENV 1X=planted-digit A=ok', `/bin/sh -c #(nop)  ENV 1X=${M} A=${M}`],
    ['/bin/sh -c #(nop)  ENV ÜBER=planted-unicode', `/bin/sh -c #(nop)  ENV ÜBER=${M}`],
    ['/bin/sh -c #(nop)  ENV ÜBER planted old form', `/bin/sh -c #(nop)  ENV ÜBER ${M}`],
    ['/bin/sh -c #(nop)  ONBUILD ENV OB=planted-onbuild', `/bin/sh -c #(nop)  ONBUILD ENV OB=${M}`],
    ['COPY file:abc in /app', 'COPY file:abc in /app'],
  ];
  for (const [step, want] of steps) {
    it(`masks a build step: ${step.slice(0, 50)}`, () => {
      const got = maskBuildStep(step);
      expect(got).not.toMatch(/planted/);
      expect(got).toBe(want);
    });
  }

  it('masks image history for viewers, and the build command of an image inspect', () => {
    const history = VIEWER_MASKS['image.history']?.([
      { Id: 'sha256:1', CreatedBy: '|1 NPM_TOKEN=planted-7 /bin/sh -c echo hi' },
      { Id: 'sha256:2', CreatedBy: '/bin/sh -c #(nop)  ENV DB_PASSWORD=planted-1' },
    ]);
    expect(JSON.stringify(history)).not.toMatch(/planted/);
    expect(JSON.stringify(history)).toMatch(/NPM_TOKEN=\*+ \/bin\/sh -c echo hi/);
    const inspect = VIEWER_MASKS['image.inspect']?.({
      Config: { Env: ['A=planted-a'], Cmd: ['sh'] },
      ContainerConfig: { Env: ['B=planted-b'], Cmd: ['/bin/sh', '-c', '#(nop) ', 'ENV DB_PASSWORD=planted-1'] },
    });
    expect(JSON.stringify(inspect)).not.toMatch(/planted/);
    const run = VIEWER_MASKS['image.inspect']?.({ ContainerConfig: { Cmd: ['|1', 'NPM_TOKEN=planted-7', '/bin/sh', '-c', 'echo built'] } });
    expect(run).toEqual({ ContainerConfig: { Cmd: ['|1', `NPM_TOKEN=${M}`, '/bin/sh', '-c', 'echo built'] } });
  });

  it("masks an exec's command line in an event, old and new fields, and leaves other events alone", () => {
    const e = {
      status: 'exec_create: sh -c mysql -uroot -pPlanted99',
      Type: 'container',
      Action: 'exec_start: sh -c true --api-key=Planted77',
      Actor: { ID: 'abc', Attributes: { name: 'db', execID: 'e1' } },
      healthcheck: true,
    };
    const masked = maskEngineEvent(e);
    expect(JSON.stringify(masked)).not.toMatch(/Planted/);
    expect(masked).toMatchObject({ status: `exec_create: ${M}`, Action: `exec_start: ${M}`, healthcheck: true, Actor: e.Actor });
    for (const other of [{ Action: 'start' }, { Action: 'health_status: healthy' }, { Action: 'exec_die' }, null, 'x'])
      expect(maskEngineEvent(other)).toEqual(other);
  });

  it('shows a viewer which programs run, not their arguments', () => {
    const top = VIEWER_MASKS['container.top']?.({
      Titles: ['UID', 'PID', 'CMD'],
      Processes: [
        ['root', '1', 'sleep 3000'],
        ['root', '9', 'mysql -uroot -pPlanted99'],
        ['root', '12', 'sh'],
      ],
    });
    expect(JSON.stringify(top)).not.toMatch(/Planted|3000/);
    expect((top as { Processes: string[][] }).Processes.map((p) => p[2])).toEqual([`sleep ${M}`, `mysql ${M}`, 'sh']);
  });
});

describe('viewer masks, pass 5', () => {
  it("masks the container's env values wherever its healthcheck printed them", () => {
    const inspect = {
      Config: { Env: ['DBPASS=planted-pass', 'X=1'] },
      State: { Health: { Status: 'healthy', Log: [{ ExitCode: 0, Output: 'ok:planted-pass\n' }, { Output: 'X is 1' }] } },
    };
    const masked = maskContainerEnv(inspect);
    expect(JSON.stringify(masked)).not.toContain('planted-pass');
    expect(masked.State.Health.Log[0]?.Output).toBe(`ok:${MASKED_VALUE}\n`);
    // Values under 3 characters are not hunted for (they would mask ordinary text).
    expect(masked.State.Health.Log[1]?.Output).toBe('X is 1');
    expect(inspect.State.Health.Log[0]?.Output).toBe('ok:planted-pass\n');
  });

  it('leaves an item that is no exec event as the same object (it runs on every live item a viewer gets)', () => {
    const line = { t: 'x', stream: 1 };
    expect(maskEngineEvent(line)).toBe(line);
  });
});

describe('viewer masks, pass 6', () => {
  it('masks env values in healthcheck output as clients print them: any case, URL-encoded, base64', () => {
    const value = 'p@ss w0rd!42';
    const output = `raw:${value} up:${value.toUpperCase()} url:${encodeURIComponent(value)} b64:${Buffer.from(value).toString('base64')}`;
    const masked = maskContainerEnv({ Config: { Env: [`PW=${value}`] }, State: { Health: { Log: [{ Output: output }] } } });
    const out = masked.State.Health.Log[0]?.Output ?? '';
    expect(out).not.toMatch(/p@ss|P@SS|w0rd|W0RD|cCBzcyB3MHJk|cEBzcyB3MHJkITQy/);
    expect(out).toBe(`raw:${MASKED_VALUE} up:${MASKED_VALUE} url:${MASKED_VALUE} b64:${MASKED_VALUE}`);
  });

  it("masks an image's ONBUILD instructions", () => {
    const inspect = VIEWER_MASKS['image.inspect']?.({
      Config: { OnBuild: ['ENV OBSECRET=planted-ob', 'RUN make'] },
      ContainerConfig: { OnBuild: null },
    });
    expect(JSON.stringify(inspect)).not.toContain('planted');
    expect((inspect as { Config: { OnBuild: string[] } }).Config.OnBuild).toEqual([`ENV OBSECRET=${MASKED_VALUE}`, 'RUN make']);
  });
});
