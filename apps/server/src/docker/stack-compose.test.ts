import { describe, expect, it } from 'vitest';
import { serviceLogLine } from '../live/topics/service-logs.ts';
import { durationNs, planStack } from './stack-compose.ts';

describe('planStack', () => {
  it('names and labels everything like docker stack deploy, with a default overlay network', () => {
    const plan = planStack('app', 'services:\n  web:\n    image: busybox\n    command: sleep "1 h"\n    deploy: { replicas: 3 }\n');
    expect(plan.networks).toEqual([
      {
        name: 'app_default',
        spec: expect.objectContaining({ Name: 'app_default', Driver: 'overlay', Labels: { 'com.docker.stack.namespace': 'app' } }),
      },
    ]);
    const web = plan.services[0]?.spec as {
      Name: string;
      Mode: unknown;
      TaskTemplate: { ContainerSpec: { Args: string[] }; Networks: unknown };
    };
    expect(web.Name).toBe('app_web');
    expect(web.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(web.TaskTemplate.ContainerSpec.Args).toEqual(['sleep', '1 h']);
    expect(web.TaskTemplate.Networks).toEqual([{ Target: 'app_default', Aliases: ['web'] }]);
  });

  it('takes secret contents from files and refuses what it cannot deploy, readably', () => {
    const compose = 'services:\n  db:\n    image: busybox\n    secrets: [pw]\nsecrets:\n  pw:\n    file: ./pw.txt\n';
    expect(planStack('s', compose, { './pw.txt': 'x' }).secrets[0]).toMatchObject({ name: 's_pw', spec: { Data: 'eA==' } });
    expect(() => planStack('s', compose)).toThrow(/give its content in "files" under ".\/pw.txt"/);
    expect(() => planStack('s', 'services: {}')).toThrow(/no services/);
    expect(() => planStack('s', 'services:\n  a: {}')).toThrow(/needs an image/);
    expect(() => planStack('s', ': : :')).toThrow(/Compose file/);
    expect(durationNs('1m30s', 'x')).toBe(90e9);
    expect(() => durationNs('soon', 'stop_grace_period')).toThrow(/not a duration/);
  });
});

describe('serviceLogLine', () => {
  it('splits the details off a service log line', () => {
    const line = serviceLogLine([
      '2026-01-01T00:00:00.000000000Z',
      1,
      'com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1 hello world',
    ]);
    expect(line).toEqual({ t: '2026-01-01T00:00:00.000000000Z', s: 1, l: 'hello world', node: 'n1', task: 't1' });
    expect(serviceLogLine(['', 2, 'plain'])).toEqual({ t: '', s: 2, l: 'plain' });
  });
});
