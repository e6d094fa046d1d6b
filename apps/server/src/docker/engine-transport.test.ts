import { describe, expect, it } from 'vitest';
import { parseEngineHost } from './engine-transport.ts';

describe('parseEngineHost', () => {
  it('reads unix sockets', () => {
    expect(parseEngineHost('unix:///var/run/docker.sock')).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' });
    expect(parseEngineHost('/run/user/1000/docker.sock')).toEqual({ kind: 'unix', socketPath: '/run/user/1000/docker.sock' });
  });

  it('reads tcp addresses, with or without a trailing slash', () => {
    expect(parseEngineHost('tcp://127.0.0.1:2375')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 2375 });
    expect(parseEngineHost('tcp://docker.internal:2376/')).toEqual({ kind: 'tcp', host: 'docker.internal', port: 2376 });
    expect(parseEngineHost('tcp://[::1]:2376')).toEqual({ kind: 'tcp', host: '::1', port: 2376 });
  });

  it('reads ssh addresses like `docker -H ssh://`, port 22 by default', () => {
    expect(parseEngineHost('ssh://root@10.0.0.2')).toEqual({ kind: 'ssh', user: 'root', host: '10.0.0.2', port: 22 });
    expect(parseEngineHost('ssh://ops@build.example:2222')).toEqual({ kind: 'ssh', user: 'ops', host: 'build.example', port: 2222 });
  });

  it('rejects what it cannot connect to, naming the value', () => {
    expect(() => parseEngineHost('ssh://host')).toThrow(/Unsupported engine host "ssh:\/\/host"/);
    expect(() => parseEngineHost('ssh://-oProxyCommand=x@host')).toThrow(/Unsupported/);
    expect(() => parseEngineHost('ssh://u@-oProxyCommand=x')).toThrow(/Unsupported/);
    expect(() => parseEngineHost('tcp://host')).toThrow(/Unsupported/);
    expect(() => parseEngineHost('tcp://host:2375/prefix')).toThrow(/Unsupported/);
    expect(() => parseEngineHost('tcp://host:99999')).toThrow(/Unsupported/);
    expect(() => parseEngineHost('http://host:2375')).toThrow(/Unsupported/);
    expect(() => parseEngineHost('')).toThrow(/Unsupported/);
  });
});
