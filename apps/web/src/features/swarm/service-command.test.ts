import { describe, expect, it } from 'vitest';
import { parseServiceCommand, serviceCommand, serviceSpec } from './service-command.ts';

describe('docker service create', () => {
  it('round-trips a pasted command through the form', () => {
    const line = "docker service create --name web --replicas 4 -p 8080:80 --env 'A=b c' --constraint node.role==worker busybox httpd -f";
    const parsed = parseServiceCommand(line);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.form).toMatchObject({
      name: 'web',
      replicas: 4,
      ports: ['8080:80'],
      env: ['A=b c'],
      image: 'busybox',
      command: 'httpd -f',
    });
    expect(serviceCommand(parsed.form)).toBe(
      "docker service create --name web --replicas 4 --publish 8080:80 --env 'A=b c' --constraint node.role==worker busybox httpd -f",
    );
    expect(serviceSpec(parsed.form).EndpointSpec?.Ports).toEqual([{ Protocol: 'tcp', PublishedPort: 8080, TargetPort: 80 }]);
  });
  it('keeps a quoted command as shell words, with the stop grace period and endpoint mode', () => {
    const parsed = parseServiceCommand(
      `docker service create -d --name t --stop-grace-period 1s --endpoint-mode dnsrr busybox sh -c 'trap "exit 0" TERM; echo hi'`,
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.form.command).toBe(`sh -c 'trap "exit 0" TERM; echo hi'`);
    const spec = serviceSpec(parsed.form);
    expect(spec.TaskTemplate.ContainerSpec.Args).toEqual(['sh', '-c', 'trap "exit 0" TERM; echo hi']);
    expect(spec.TaskTemplate.ContainerSpec).toMatchObject({ StopGracePeriod: 1e9 });
    expect(spec.EndpointSpec).toMatchObject({ Mode: 'dnsrr' });
    expect(serviceCommand(parsed.form)).toBe(
      `docker service create --name t --replicas 1 --stop-grace-period 1s --endpoint-mode dnsrr busybox sh -c 'trap "exit 0" TERM; echo hi'`,
    );
  });
  it('names a flag it cannot fill', () => {
    expect(parseServiceCommand('docker service create --mode global busybox')).toEqual({
      ok: false,
      error: '--mode is not supported by the form',
    });
  });
});

describe('--config', () => {
  it('fills the form from source/target, prints it back and resolves the id', () => {
    const parsed = parseServiceCommand(
      'docker service create --name w --config source=app.conf,target=/etc/app.conf --config plain busybox',
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.form.configs).toEqual([
      { source: 'app.conf', target: '/etc/app.conf' },
      { source: 'plain', target: '' },
    ]);
    expect(serviceCommand(parsed.form)).toBe(
      'docker service create --name w --replicas 1 --config source=app.conf,target=/etc/app.conf --config plain busybox',
    );
    expect(serviceSpec(parsed.form, { 'app.conf': 'id1', plain: 'id2' }).TaskTemplate.ContainerSpec.Configs).toEqual([
      { ConfigID: 'id1', ConfigName: 'app.conf', File: { Name: '/etc/app.conf', UID: '0', GID: '0', Mode: 0o444 } },
      { ConfigID: 'id2', ConfigName: 'plain', File: { Name: '/plain', UID: '0', GID: '0', Mode: 0o444 } },
    ]);
  });
  it('names what it cannot fill', () => {
    expect(parseServiceCommand('docker service create --config source=a,mode=0400 busybox')).toEqual({
      ok: false,
      error: '--config mode is not supported by the form',
    });
    expect(parseServiceCommand('docker service create --config target=/x busybox')).toEqual({
      ok: false,
      error: '--config needs a source',
    });
  });
});
