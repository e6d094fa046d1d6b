import type { EngineInfo } from '@porthole/shared/engines';
import { describe, expect, it } from 'vitest';
import { contextCommand, emptyForm, formProblem, hostKind, toCreate, toUpdate } from './engine-form.ts';

const form = (over: Partial<ReturnType<typeof emptyForm>>) => ({ ...emptyForm(), name: 'tls1', ...over });

describe('engine form', () => {
  it('knows the three host kinds', () => {
    expect(hostKind('unix:///var/run/docker.sock')).toBe('unix');
    expect(hostKind('tcp://10.0.0.5:2376')).toBe('tcp');
    expect(hostKind('ssh://root@10.0.0.5')).toBe('ssh');
    expect(hostKind('ssh://root@10.0.0.5:2222')).toBe('ssh');
    expect(hostKind('http://x')).toBe('invalid');
    expect(hostKind('tcp://x')).toBe('invalid');
  });

  it('refuses plain tcp unless allowed, and TLS or ssh without keys', () => {
    expect(formProblem(form({ host: 'tcp://h:2375', tlsOn: false }))).toMatch(/allow plain TCP/);
    expect(formProblem(form({ host: 'tcp://h:2375', tlsOn: false, allowInsecureTcp: true }))).toBeUndefined();
    expect(formProblem(form({ host: 'tcp://h:2376' }))).toMatch(/certificate and key/);
    expect(formProblem(form({ host: 'ssh://u@h' }))).toMatch(/private key/);
    expect(formProblem(form({ host: 'ssh://u@h', privateKey: 'K' }))).toBeUndefined();
    const stored = { tls: { ca: true, cert: true, hasKey: true, verify: true } } as EngineInfo;
    expect(formProblem(form({ host: 'tcp://h:2376' }), stored)).toBeUndefined();
  });

  it('sends TLS with verify on by default, and never an empty key on update', () => {
    expect(toCreate(form({ host: 'tcp://h:2376', ca: 'C', cert: 'T', key: 'K' }))).toEqual({
      name: 'tls1',
      host: 'tcp://h:2376',
      colour: '#228be6',
      tls: { ca: 'C', cert: 'T', key: 'K', verify: true },
    });
    expect(toUpdate(form({ host: 'tcp://h:2376' })).tls).toEqual({ ca: undefined, cert: undefined, key: undefined, verify: true });
    expect(toUpdate(form({ host: 'ssh://u@h' })).ssh).toBeUndefined();
    expect(toUpdate(form({ host: 'unix:///s' })).tls).toBeNull();
    expect(contextCommand(form({ host: 'tcp://h:2376' }))).toBe(
      'docker context create tls1 --docker "host=tcp://h:2376,ca=~/.docker/porthole/tls1/ca.pem,cert=~/.docker/porthole/tls1/cert.pem,key=~/.docker/porthole/tls1/key.pem"',
    );
  });
});
